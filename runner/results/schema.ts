import { z } from 'zod';

const Ms = z.number().finite();
const Interval = z.tuple([Ms, Ms]);
const SamplingState = z.enum(['open', 'ci-target', 'decisive', 'n-max', 'budget', 'failed']);

export const RequestRecordSchema = z.object({
  method: z.string(),
  path: z.string(),
  status: z.number().int().nullable(),
  requestBytes: z.number().int().min(0),
  responseBytes: z.number().int().min(0),
  startMs: Ms,
  endMs: Ms,
});

/** One line of samples.jsonl: appended as soon as it is measured. */
export const SampleSchema = z.object({
  scenario: z.string(),
  variant: z.string(),
  twin: z.boolean(),
  rttMs: z.number().int().min(0),
  round: z.number().int().min(0),
  index: z.number().int().min(0),
  warmup: z.boolean(),
  latencyMs: Ms,
  frameMs: Ms,
  roundTrips: z.number().int().min(0),
  requests: z.array(RequestRecordSchema),
});

export const CellSchema = z.object({
  scenario: z.string(),
  variant: z.string(),
  rttMs: z.number().int(),
  n: z.number().int().min(0),
  medianMs: Ms,
  p90Ms: Ms,
  samplesMs: z.array(Ms),
  requestsPerInteraction: z.number(),
  roundTrips: z.number(),
  expectedRoundTrips: z.number().int(),
  frameMedianMs: Ms,
  bytesPerInteraction: z.number(),
});

export const ComparisonSchema = z.object({
  scenario: z.string(),
  rttMs: z.number().int(),
  a: z.string(),
  b: z.string(),
  diffMedianMs: Ms,
  ci95: Interval,
  n: z.tuple([z.number().int(), z.number().int()]),
  sampling: SamplingState,
});

export const AaSchema = z.object({
  scenario: z.string(),
  variant: z.string(),
  rttMs: z.number().int(),
  diffMedianMs: Ms,
  ci95: Interval,
  n: z.tuple([z.number().int(), z.number().int()]),
  sampling: SamplingState,
});

/** The RTT known answer: latency(rtt) - latency(0) should be roundTrips x rtt. */
export const AccuracySchema = z.object({
  scenario: z.string(),
  variant: z.string(),
  rttMs: z.number().int(),
  expectedRoundTrips: z.number().int(),
  measuredRoundTrips: z.number(),
  expectedIncreaseMs: Ms,
  measuredIncreaseMs: Ms,
  ci95: Interval,
  errorMs: Ms,
  toleranceMs: Ms,
  withinTolerance: z.boolean(),
});

const Percentiles = z.object({ p50: Ms, p90: Ms, p99: Ms, p99_9: Ms });

/** One replay of a captured interaction under load. `variant` "floor" is the bare node:http server. */
export const HttpCellSchema = z.object({
  scenario: z.string(),
  variant: z.string(),
  connections: z.number().int(),
  ratePerSecond: z.number().nullable(),
  interactions: z.number().int(),
  requestsPerInteraction: z.number().int(),
  requestsPerSec: z.number(),
  interactionsPerSec: z.number(),
  latencyMs: Percentiles,
  interactionLatencyMs: Percentiles,
  bytesPerRequest: z.number(),
  non2xx: z.number().int(),
  errors: z.number().int(),
  timeouts: z.number().int(),
  invalid: z.number().int(),
  acknowledged: z.number().int(),
  persisted: z.number().int(),
  duplicated: z.number().int(),
  server: z.object({
    peakCpuPct: z.number(),
    peakRssMb: z.number(),
    points: z.array(z.object({ tMs: z.number(), cpuPct: z.number(), rssMb: z.number() })),
  }),
  loadGeneratorCpu: z.number(),
  loadGeneratorSaturated: z.boolean(),
  /** This cell against the floor at the same connections: >1 latency and <1 req/s mean slower than the floor. */
  floorRatio: z.object({ latencyP50: z.number(), interactionsPerSec: z.number() }).nullable(),
  /** Why the cell is not to be trusted (invalid responses, errors, lost or duplicated mutations); null when sound. */
  failed: z.string().nullable(),
});

export const Verdict = z.enum(['supported', 'refuted', 'depends', 'inconclusive', 'not-measured']);

export const ClaimSchema = z.object({
  id: z.string(),
  source: z.string(),
  quote: z.string(),
  verdict: Verdict,
  summary: z.string(),
  evidence: z.array(z.record(z.string(), z.unknown())),
});

export const FailureSchema = z.object({
  scenario: z.string(),
  variant: z.string(),
  rttMs: z.number().int(),
  message: z.string(),
});

export const ResultsSchema = z.object({
  schemaVersion: z.literal(1),
  runId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  complete: z.boolean(),
  failures: z.array(FailureSchema),
  config: z.record(z.string(), z.unknown()),
  /** The scenarios this run measured, as the catalogue describes them. */
  scenarios: z.array(z.object({ id: z.string(), summary: z.string(), expectedRoundTrips: z.record(z.string(), z.number().int()) })).default([]),
  environment: z.object({
    node: z.string(),
    next: z.string(),
    react: z.string(),
    chromium: z.string(),
    os: z.string(),
    cpu: z.string(),
    cores: z.number().int(),
    gitSha: z.string(),
    argv: z.array(z.string()),
    seed: z.number().int(),
  }),
  /** Absent when the browser suite did not run. */
  browser: z
    .object({
    rttEmulation: z.enum(['proxy', 'cdp']),
    wallSeconds: z.number(),
    cells: z.array(CellSchema),
    comparisons: z.array(ComparisonSchema),
    aa: z.array(AaSchema),
    accuracy: z.array(AccuracySchema),
  })
    .optional(),
  /** Absent when the HTTP-load suite did not run. */
  http: z
    .object({
      mode: z.enum(['amount', 'duration', 'rate']),
      acceptEncoding: z.enum(['browser', 'none']),
      cells: z.array(HttpCellSchema),
    })
    .optional(),
  /** Absent when the micro-benchmark suite did not run. */
  micro: z
    .object({
      tasks: z.array(
        z.object({
          name: z.string(),
          opsPerSec: z.number().nullable(),
          meanNs: z.number().nullable(),
          rme: z.number().nullable(),
          samples: z.number().int(),
          /** The payload was refused (the message), or null. */
          error: z.string().nullable(),
        }),
      ),
    })
    .optional(),
  claims: z.array(ClaimSchema),
});

export type Sample = z.infer<typeof SampleSchema>;
export type Cell = z.infer<typeof CellSchema>;
export type Comparison = z.infer<typeof ComparisonSchema>;
export type AaResult = z.infer<typeof AaSchema>;
export type Accuracy = z.infer<typeof AccuracySchema>;
export type Claim = z.infer<typeof ClaimSchema>;
export type HttpCell = z.infer<typeof HttpCellSchema>;
export type Results = z.infer<typeof ResultsSchema>;
export type BrowserResults = NonNullable<Results['browser']>;
export type HttpResults = NonNullable<Results['http']>;
