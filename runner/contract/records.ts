import { z } from 'zod';
import { MachineLoadSchema, ResultsSchema, VersionSectionSchema } from './results';

/**
 * What the measure stage writes into a run folder, beside samples.jsonl (SampleSchema): the load windows
 * (http-repeats.jsonl), their warm-ups (http-warmup.jsonl) and run.json. The analyse stage reads only these, each
 * validated on read, so a run and `npm run report -- --recompute` build results.json the same way.
 */

const Encoding = z.enum(['gzip', 'identity']);
const PercentilesSchema = z.object({ p50: z.number(), p90: z.number(), p99: z.number(), p99_9: z.number() });
export type Percentiles = z.infer<typeof PercentilesSchema>;

/** One replay of a captured interaction under load (runner/measure/http/replay.ts). */
export const ReplayResultSchema = z.object({
  durationSeconds: z.number(),
  requestsPerInteraction: z.number(),
  totalRequests: z.number(),
  /** Interactions whose last response arrived. */
  completed: z.number(),
  requestsPerSec: z.number(),
  interactionsPerSec: z.number(),
  /** Per request (closed model: autocannon's HDR histogram; open model: per interaction, from its intended start). */
  latencyMs: PercentilesSchema,
  /** First request sent (open model: intended) to last response received, per completed interaction. */
  interactionLatencyMs: PercentilesSchema,
  /** Exact bytes written per interaction: request lines, headers and bodies. */
  requestBytesPerInteraction: z.number(),
  /** Bytes received per interaction: status lines, headers and bodies as they came (compressed, chunked). */
  responseBytesPerInteraction: z.number(),
  non2xx: z.number(),
  errors: z.number(),
  timeouts: z.number(),
  /** Open model: arrivals dropped (no connection could be had) and started late. */
  dropped: z.number(),
  late: z.number(),
  /** Responses that differ from what the browser got (status, content-type, x-action-revalidated). */
  invalid: z.number(),
  invalidExample: z.string().nullable(),
  /** 2xx answers to the mutating request. */
  acknowledged: z.number(),
  /** CPU the load generator's process used, as a fraction of one core: near 1 it, not the server, is the limit. */
  loadGeneratorCpu: z.number(),
});
export type ReplayResult = z.infer<typeof ReplayResultSchema>;

const ResourcePointSchema = z.object({
  tMs: z.number(),
  /** Summed over the process group: 100 = one core busy. */
  cpuPct: z.number(),
  rssMb: z.number(),
});
export type ResourcePoint = z.infer<typeof ResourcePointSchema>;

/** A process group's CPU and memory over a window (runner/measure/system/resources.ts). */
export const ResourceSeriesSchema = z.object({
  peakCpuPct: z.number(),
  peakRssMb: z.number(),
  points: z.array(ResourcePointSchema),
  /** CPU time the group used between start and stop, ms (utime + stime, exited children included). */
  cpuMs: z.number(),
});
export type ResourceSeries = z.infer<typeof ResourceSeriesSchema>;

/** The variant name of the bare floor server's load cells (a server over the services with no framework). */
export const FLOOR = 'floor';

/** One line of http-repeats.jsonl: one measured window of one load cell. */
export const RepeatRecordSchema = ReplayResultSchema.omit({ invalidExample: true }).extend({
  scenario: z.string(),
  variant: z.string(),
  twin: z.boolean(),
  connections: z.number().int(),
  encoding: Encoding,
  /** The block (ratios pair within one). */
  repeat: z.number().int(),
  /** The window's place among all measured windows of the run (the stationarity check's x); absent in older runs. */
  order: z.number().int().optional(),
  interactions: z.number(),
  persisted: z.number(),
  duplicated: z.number(),
  /** null: the server is not a process of ours (--target). */
  server: ResourceSeriesSchema.omit({ cpuMs: true }).nullable(),
  serverCpuMsPerInteraction: z.number().nullable(),
  machine: MachineLoadSchema,
  failed: z.string().nullable(),
  /** The build loaded, in a version matrix (runner/core/plan.ts BuildLabel); absent: this checkout's. */
  build: z.string().optional(),
});
export type RepeatRecord = z.infer<typeof RepeatRecordSchema>;

/** One line of http-warmup.jsonl: how one load group warmed up before its measured windows. */
export const WarmupRecordSchema = z.object({
  scenario: z.string(),
  variant: z.string(),
  twin: z.boolean(),
  connections: z.number().int(),
  encoding: Encoding,
  build: z.string().optional(),
  /** Interactions per second of each of its warm-up windows, in order (two per block). */
  windowsPerSec: z.array(z.number()),
  /** The group's throughput per warm-up block (geometric mean over its windows), what warmedUp() reads. */
  blocksPerSec: z.array(z.number()),
  /** Whether the group's warm-up ended by warmedUp(), not by MAX_WARMUP_BLOCKS. */
  steady: z.boolean(),
  /** The group's warm-up, seconds of load. */
  seconds: z.number(),
});
export type WarmupRecord = z.infer<typeof WarmupRecordSchema>;

/**
 * What went wrong while measuring, by where it happened. Load cells that failed are not here: they are read from
 * their windows in http-repeats.jsonl.
 */
export const MeasureFailureSchema = z.discriminatedUnion('stage', [
  /** A browser arm whose page failed. */
  z.object({
    stage: z.literal('browser'),
    scenario: z.string(),
    variant: z.string(),
    rttMs: z.number(),
    message: z.string(),
  }),
  /** A variant the HTTP suite could not capture in Chromium, or whose capture cannot stand for its interaction. */
  z.object({ stage: z.literal('capture'), scenario: z.string(), variant: z.string(), message: z.string() }),
  /** The run ended early (Ctrl-C, a server gone, an unexpected error): what was measured before is kept. */
  z.object({ stage: z.literal('stopped'), message: z.string() }),
]);
export type MeasureFailure = z.infer<typeof MeasureFailureSchema>;

const core = ResultsSchema.shape;
const BrowserSection = core.browser.unwrap();
const HttpSection = core.http.unwrap();

/** How the load was run and on what: what a load section keeps as measured (the rest is summarized from windows). */
export const HttpConditionsSchema = HttpSection.pick({
  mode: true,
  server: true,
  encodings: true,
  repeats: true,
  windowSeconds: true,
  isolation: true,
});
export type HttpConditions = z.infer<typeof HttpConditionsSchema>;

/** One version of a version matrix: its install, its probes and how its load ran. */
export const MeasuredVersionSchema = z.object({
  version: VersionSectionSchema.omit({ browser: true, http: true, claims: true }),
  http: HttpConditionsSchema.optional(),
});
export type MeasuredVersion = z.infer<typeof MeasuredVersionSchema>;

/** run.json: everything a run measured that is not a sample or a load window, written when the measure stage ends. */
export const RunRecordSchema = z.object({
  runRecordVersion: z.literal(1),
  runId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  /** The resolved configuration, every key (runner/core/config.ts Config). */
  config: z.record(z.string(), z.unknown()),
  environment: core.environment,
  /** How busy the machine was before anything started and over the whole run; absent in older runs. */
  machine: z.object({ atStart: MachineLoadSchema, overall: MachineLoadSchema }).optional(),
  /** How the browser suite sampled; absent when it did not run. */
  browser: BrowserSection.pick({
    rttEmulation: true,
    chromeModes: true,
    wallSeconds: true,
    groups: true,
    rounds: true,
    failedArms: true,
    uncommitted: true,
  }).optional(),
  /** This checkout's load conditions; absent when the HTTP suite did not run (or in a version matrix). */
  http: HttpConditionsSchema.optional(),
  micro: core.micro,
  probes: core.probes,
  /**
   * A version matrix (--next): its versions in order. `band`, the noise band its comparisons use, is set only where
   * a run was analysed with another than today's default (runs before run.json keep theirs).
   */
  matrix: z
    .object({ versions: z.array(MeasuredVersionSchema), band: core.against.unwrap().shape.band.optional() })
    .optional(),
  /** A duet (--against): the baseline checkout, and its noise band as for a matrix. */
  against: core.against.unwrap().omit({ comparison: true }).partial({ band: true }).optional(),
  failures: z.array(MeasureFailureSchema),
});
export type RunRecord = z.infer<typeof RunRecordSchema>;
