import { z } from 'zod';

const Ms = z.number().finite();
const Interval = z.tuple([Ms, Ms]);
const EstimateSchema = z.object({ estimate: z.number(), ci95: Interval });
const SamplingState = z.enum(['open', 'precision', 'n-max', 'budget', 'failed']);
const ChromeMode = z.enum(['no-defer', 'shipped']);

/**
 * One request of an interaction; times are ms relative to the interaction's start (the click's input time). Bytes
 * are counted per interaction on the wire (the proxy), not here: Playwright's request.sizes() under-counts chunked
 * responses to almost nothing in 25-55% of samples.
 */
export const RequestRecordSchema = z.object({
  method: z.string(),
  path: z.string(),
  status: z.number().int().nullable(),
  startMs: Ms,
  /** The response's first byte (its headers); absent in samples recorded before it was kept. */
  responseStartMs: Ms.optional(),
  endMs: Ms,
});

/** A link's rate in each direction, bits per second. */
export const BandwidthSchema = z.object({ toServer: z.number(), toClient: z.number() });
export type Bandwidth = z.infer<typeof BandwidthSchema>;

/** How busy the machine was over an interval (runner/measure/system/machine-load.ts). */
export const MachineLoadSchema = z.object({
  seconds: z.number(),
  loadAverage1: z.number(),
  busyCores: z.number(),
  foreignCores: z.number(),
  stealShare: z.number(),
  busy: z.boolean(),
});

/** One line of samples.jsonl: appended as soon as it is measured. */
export const SampleSchema = z.object({
  scenario: z.string(),
  variant: z.string(),
  twin: z.boolean(),
  rttMs: z.number().int().min(0),
  chrome: ChromeMode,
  /**
   * The fixture build measured (runner/core/plan.ts BuildLabel): `current`; in a duet (--against) also `baseline`; in a
   * version matrix (--next) `next@<version>` for every build.
   */
  build: z.string().default('current'),
  round: z.number().int().min(0),
  index: z.number().int().min(0),
  warmup: z.boolean(),
  /** From the click's event.timeStamp (input time, as INP) to the DOM showing the expected value. */
  latencyMs: Ms,
  /** From the capture-phase click listener: latencyMs minus the input delay. */
  listenerLatencyMs: Ms,
  inputDelayMs: Ms,
  frameMs: Ms,
  /** From the input time to each of the scenario's marks (the optimistic paint); absent in runs before marks existed. */
  marksMs: z.record(z.string(), Ms).default({}),
  roundTrips: z.number().int().min(0),
  requests: z.array(RequestRecordSchema),
  /** Bytes on the wire in each direction during the interaction, headers and framing included. */
  wireBytes: z.object({ toServer: z.number().int().min(0), toClient: z.number().int().min(0) }),
  newConnections: z.number().int().min(0),
  /** The server's resident memory (its process group) at the interaction's start and its peak during it; scenarios that sample it only. */
  serverRssMb: z.object({ startMb: z.number().min(0), peakMb: z.number().min(0) }).optional(),
});

/**
 * An interaction whose expected state never showed within the timeout although every request of its design was sent
 * and answered (a render left uncommitted, vercel/next.js#97742): an outcome counted beside the latency, not a
 * sample. Its page load ends there; the arm goes on in the next round.
 */
export const UncommittedSchema = SampleSchema.pick({
  scenario: true,
  variant: true,
  twin: true,
  rttMs: true,
  chrome: true,
  build: true,
  round: true,
  index: true,
  warmup: true,
  requests: true,
}).extend({ waitedMs: Ms });
export type Uncommitted = z.infer<typeof UncommittedSchema>;

export const CellSchema = z.object({
  scenario: z.string(),
  variant: z.string(),
  rttMs: z.number().int(),
  chrome: ChromeMode,
  n: z.number().int().min(0),
  /** Page loads the n samples came from. */
  loads: z.number().int().min(0),
  medianMs: Ms,
  p90Ms: Ms,
  samplesMs: z.array(Ms),
  requestsPerInteraction: z.number(),
  roundTrips: z.number(),
  /** Samples by their critical-path request count (C2 reads the exact counts); absent in older runs. */
  roundTripCounts: z.record(z.string(), z.number().int().min(0)).optional(),
  expectedRoundTrips: z.number().int(),
  frameMedianMs: Ms,
  inputDelayMedianMs: Ms,
  /** Median latency from the click listener instead of the input time. */
  listenerMedianMs: Ms,
  /** Request + response bytes on the wire per interaction, headers included (median). */
  bytesPerInteraction: z.number(),
  requestBytesPerInteraction: z.number(),
  responseBytesPerInteraction: z.number(),
  /** Largest |bytes / median - 1| over the cell's samples: how stable the byte count is. */
  bytesSpread: z.number(),
  /** Samples during which a connection was opened (each pays a handshake RTT). */
  samplesWithNewConnection: z.number().int(),
  /**
   * Requests started after the end and before the page went quiet (prefetches after a refresh), median per
   * interaction; counted in requestsPerInteraction and the bytes, not in the round trips. Absent in older runs.
   */
  requestsAfterEndPerInteraction: z.number().optional(),
  /**
   * How the interactions ended: `late` committed more than 1 s past what their round trips (and bytes on a limited
   * link) take, at `lateAfterMs`; `never` did not commit within the timeout (Uncommitted). Absent in older runs.
   */
  outcomes: z.object({ lateAfterMs: Ms, late: z.number().int().min(0), never: z.number().int().min(0) }).optional(),
  /** The interaction whose latency is the cell's median (the lower middle one for an even n): its requests, for the report's waterfall. Absent in runs before it was kept. */
  medianInteraction: z
    .object({
      latencyMs: Ms,
      /** Its input delay (input time to the click listener) and its marks (the optimistic paint); absent in runs before they were kept. */
      inputDelayMs: Ms.optional(),
      marksMs: z.record(z.string(), Ms).optional(),
      requests: z.array(RequestRecordSchema),
    })
    .optional(),
  /** Time from the input to each of the scenario's marks (the optimistic paint), with the round trips expected before it. */
  marks: z
    .array(
      z.object({
        name: z.string(),
        n: z.number().int(),
        medianMs: Ms,
        p90Ms: Ms,
        expectedRoundTrips: z.number().int(),
        /** The mark minus the input delay (from the click listener to the state showing): the mean of page-load medians with its t interval (C14); absent with fewer than 2 page loads. */
        afterInputDelayMs: EstimateSchema.optional(),
      }),
    )
    .default([]),
  /** Median time from the input to the first response byte of the interaction (its earliest); absent where no request recorded one. */
  firstByteMedianMs: Ms.optional(),
  /** The server's memory during the interactions (scenarios that sample it): median peak RSS, and its rise over each interaction's start. */
  serverMemory: z
    .object({ n: z.number().int(), peakMedianMb: z.number(), riseMedianMb: z.number(), riseP90Mb: z.number() })
    .optional(),
});

const ComparisonCommon = {
  scenario: z.string(),
  rttMs: z.number().int(),
  chrome: ChromeMode,
  /**
   * Difference of the arms' typical page-load medians, a minus b (each page load summarized by its median; the 20%
   * trimmed mean over page loads per arm), with Yuen's t interval over page loads (runner/stats/interval.ts).
   */
  diffMedianMs: Ms,
  ci95: Interval,
  /** The t interval's degrees of freedom (Welch-Satterthwaite on the trimmed page-load medians). */
  df: z.number().positive(),
  /** The smallest true difference this comparison finds beyond noise (two-sided 5%) with 80% power; absent in older runs. */
  detectableMs: z.number().positive().optional(),
  n: z.tuple([z.number().int(), z.number().int()]),
  loads: z.tuple([z.number().int(), z.number().int()]),
  sampling: SamplingState,
};

export const ComparisonSchema = z.object({
  ...ComparisonCommon,
  a: z.string(),
  b: z.string(),
  /** a minus b in the interaction's first response byte, by the same page-load interval; where both arms recorded it. */
  firstByteDiffMs: EstimateSchema.optional(),
  /** a minus b in the server's RSS rise during an interaction (MB), by the same page-load interval; scenarios that sample it. */
  serverRssRiseDiffMb: EstimateSchema.optional(),
});
export const AaSchema = z.object({ ...ComparisonCommon, variant: z.string() });

/** The RTT known answer: latency(rtt) - latency(baseline) should be roundTrips x (rtt - baseline), the baseline the run's lowest RTT (0 unless said). */
export const AccuracySchema = z.object({
  scenario: z.string(),
  variant: z.string(),
  /** The mark checked (the optimistic paint); absent: the interaction's end. */
  mark: z.string().optional(),
  /**
   * The bandwidth known answer: this row compares the scenario with this smaller case at the same RTT (rttMs), and
   * expects the extra bytes / the link's rate (round trips are 0 here); absent: the RTT known answer from RTT 0.
   */
  against: z.string().optional(),
  rttMs: z.number().int(),
  /** The RTT the rise is measured from when the run did not measure RTT 0 (its lowest); absent: 0. */
  baselineRttMs: z.number().int().optional(),
  chrome: ChromeMode,
  /**
   * Whether this row checks the instrument: only in the no-defer mode (shipped Chrome's deviation is Chrome's own
   * scheduling), and only where the rise has a known answer.
   */
  reference: z.boolean(),
  /** Why this variant's rise has no known answer (the catalogue's noKnownRttRise); the row checks nothing. */
  noKnownAnswer: z.string().optional(),
  expectedRoundTrips: z.number().int(),
  measuredRoundTrips: z.number(),
  expectedIncreaseMs: Ms,
  measuredIncreaseMs: Ms,
  ci95: Interval,
  errorMs: Ms,
  toleranceMs: Ms,
  withinTolerance: z.boolean(),
});

/** Each sampling group (scenario x RTT x Chrome mode): how it stopped. */
export const GroupSchema = z.object({
  key: z.string(),
  scenario: z.string(),
  rttMs: z.number().int(),
  chrome: ChromeMode,
  state: SamplingState,
  loads: z.number().int(),
  plannedLoads: z.number().int().nullable(),
  /** Stage 1 asked for more page loads than n_max allows: the group stopped with its target unmet. */
  capped: z.boolean(),
  /** Widest comparison half-width after stage 1, ms. */
  stageOneHalfWidthMs: z.number().nullable(),
});

const Percentiles = z.object({ p50: Ms, p90: Ms, p99: Ms, p99_9: Ms });
/** One short replay of a cell; a cell's numbers are medians over its repeats, interleaved with the other cells'. */
export const HttpRepeatSchema = z.object({
  /** The block it belongs to (ratios pair within a block) and its order among the run's windows. Absent in older runs. */
  block: z.number().int().optional(),
  order: z.number().int().optional(),
  interactionsPerSec: z.number(),
  requestsPerSec: z.number(),
  latencyMs: Percentiles,
  interactionLatencyMs: Percentiles,
  serverCpuMsPerInteraction: z.number().nullable(),
  loadGeneratorCpu: z.number(),
  machine: MachineLoadSchema,
});

/** A slope of ln(throughput), in % per step (block or window), with its 95% CI (runner/stats/steady-state.ts). */
const TrendSchema = z.object({
  perStepPct: z.number(),
  ci95Pct: Interval,
  points: z.number().int(),
  stationary: z.boolean(),
});

/** Repeated replays of a captured interaction under load. `variant` "floor" is the bare node:http server. */
export const HttpCellSchema = z.object({
  scenario: z.string(),
  variant: z.string(),
  /** The A/A twin of the reference variant: the same requests as a separately interleaved arm. */
  twin: z.boolean(),
  connections: z.number().int(),
  /** `gzip`: the browser's accept-encoding (Next compresses the action's streamed RSC response); `identity`: none. */
  encoding: z.enum(['gzip', 'identity']),
  ratePerSecond: z.number().nullable(),
  repeats: z.number().int(),
  interactions: z.number().int(),
  requestsPerInteraction: z.number().int(),
  /** Medians over repeats. */
  requestsPerSec: z.number(),
  interactionsPerSec: z.number(),
  latencyMs: Percentiles,
  interactionLatencyMs: Percentiles,
  /** Distribution-free CIs of those medians over repeats (order statistics; 5 repeats: min..max, 93.75%). */
  interactionsPerSecCi: z.object({ ci95: Interval, coverage: z.number() }),
  interactionP50Ci: z.object({ ci95: Interval, coverage: z.number() }),
  interactionP99Ci: z.object({ ci95: Interval, coverage: z.number() }),
  /** Exact bytes sent and received per interaction, headers included. */
  requestBytesPerInteraction: z.number(),
  responseBytesPerInteraction: z.number(),
  /** (request + response bytes) / requests: the contract's field. */
  bytesPerRequest: z.number(),
  /** Server CPU time (the process group, from /proc) per interaction, median over repeats; null against a remote target. */
  serverCpuMsPerInteraction: z.number().nullable(),
  non2xx: z.number().int(),
  errors: z.number().int(),
  timeouts: z.number().int(),
  invalid: z.number().int(),
  acknowledged: z.number().int(),
  persisted: z.number().int(),
  duplicated: z.number().int(),
  /** Open model only: arrivals dropped (no connection free) and started late. */
  dropped: z.number().int(),
  late: z.number().int(),
  /** The busiest repeat's resource series; null against a remote target (no process of ours to sample). */
  server: z
    .object({
      peakCpuPct: z.number(),
      peakRssMb: z.number(),
      points: z.array(z.object({ tMs: z.number(), cpuPct: z.number(), rssMb: z.number() })),
    })
    .nullable(),
  loadGeneratorCpu: z.number(),
  loadGeneratorSaturated: z.boolean(),
  /** Repeats during which other processes used the machine. */
  busyRepeats: z.number().int(),
  perRepeat: z.array(HttpRepeatSchema),
  /**
   * The stationarity check (DESIGN): the slope of ln(this cell / its group's geometric mean) on the block, in % per
   * block, with its 95% CI; stationary when the CI contains 0. null: fewer than 3 blocks or no other cell. Absent in
   * older runs.
   */
  trend: TrendSchema.nullable().optional(),
  /** The cell's own throughput over the run: the slope of ln(throughput) on window order, machine and all (shown, not gating). */
  drift: TrendSchema.nullable().optional(),
  /**
   * The discarded warm-up before the measured windows: this cell's windows, its group's throughput per warm-up block,
   * whether the group reached a steady state, the group's seconds of warm-up load. Absent in older runs.
   */
  warmup: z
    .object({
      windowsPerSec: z.array(z.number()),
      blocksPerSec: z.array(z.number()),
      steady: z.boolean(),
      seconds: z.number(),
    })
    .nullable()
    .optional(),
  /** Why the cell is not to be trusted (invalid responses, errors, lost or duplicated mutations); null when sound. */
  failed: z.string().nullable(),
});

/** A ratio between two cells of the same scenario, connections and encoding, paired by repeat. */
export const HttpRatioSchema = z.object({
  scenario: z.string(),
  connections: z.number().int(),
  encoding: z.enum(['gzip', 'identity']),
  /** Numerator and denominator cells, e.g. action / route, action#aa / action, route-json / floor. */
  a: z.string(),
  b: z.string(),
  kind: z.enum(['comparison', 'aa', 'floor']),
  measure: z.enum(['interactionsPerSec', 'interactionP50', 'serverCpuMsPerInteraction']),
  estimate: z.number(),
  ci95: Interval,
  /** The two one-sided 95% bounds (equivalence and "not faster" tests). */
  ci90: Interval,
  repeats: z.number().int(),
});

export const Verdict = z.enum(['supported', 'refuted', 'depends', 'inconclusive', 'not-measured']);

export const ClaimSchema = z.object({
  id: z.string(),
  source: z.string(),
  quote: z.string(),
  verdict: Verdict,
  /** The verdict's words: which way a refutation goes ("larger than claimed"), where a dependence splits, why it is inconclusive. */
  qualifier: z.string().optional(),
  summary: z.string(),
  evidence: z.array(z.record(z.string(), z.unknown())),
});

export const FailureSchema = z.object({
  scenario: z.string(),
  variant: z.string(),
  rttMs: z.number().int(),
  message: z.string(),
});

export const NoiseBandSchema = z.object({ pct: z.number().min(0), ms: z.number().min(0) });
export type NoiseBand = z.infer<typeof NoiseBandSchema>;

/** One metric of a candidate against its baseline (runner/analyse/compare): geometric means, their ratio with its 95% CI. */
export const MetricComparisonSchema = z.object({
  key: z.string(),
  unit: z.enum(['ms', 'interactions/s']),
  baseline: z.number(),
  candidate: z.number(),
  ratio: z.number(),
  /** null when a side has fewer than 2 values. */
  ratioCi95: z.tuple([z.number(), z.number()]).nullable(),
  /** The noise band as a ratio in the worse direction (e.g. 1.05 for latency, 0.95 for throughput). */
  bandRatio: z.number(),
  /** One-sided p of "worse beyond the band", and its Benjamini-Hochberg q over every metric compared. */
  p: z.number(),
  q: z.number(),
  n: z.tuple([z.number().int(), z.number().int()]),
  verdict: z.enum(['regression', 'improvement', 'no change', 'too few values']),
});
export type MetricComparison = z.infer<typeof MetricComparisonSchema>;

/**
 * How a CSRF probe request came (runner/measure/probes/csrf.ts): a foreign Origin, `Origin: null`, no Origin, a real
 * cross-site form; then what only a client other than a browser sends: a malformed Origin (`http://`), a scheme-less
 * one (`host:port`), a foreign Origin whose host the Host or the x-forwarded-host header repeats. Results older than
 * the last four hold only the first four.
 */
export const CsrfOriginSchema = z.enum([
  'foreign',
  'null',
  'none',
  'cross-site form',
  'malformed',
  'scheme-less',
  'spoofed host',
  'forwarded host',
]);
export type CsrfOrigin = z.infer<typeof CsrfOriginSchema>;

const ResultsCoreSchema = z.object({
  schemaVersion: z.literal(2),
  /** A duet (--against): this checkout's browser cells against the fixture built at `ref`, sampled in the same rounds. */
  against: z
    .object({
      ref: z.string(),
      commit: z.string(),
      lockfileDiffers: z.boolean(),
      band: NoiseBandSchema,
      comparison: z.array(MetricComparisonSchema),
    })
    .optional(),
  runId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  /** When `npm run report -- --recompute` last rebuilt the numbers and verdicts from the run's samples. */
  recomputedAt: z.string().optional(),
  complete: z.boolean(),
  failures: z.array(FailureSchema),
  config: z.record(z.string(), z.unknown()),
  /** The scenarios this run measured, as the catalogue describes them. */
  scenarios: z
    .array(
      z.object({
        id: z.string(),
        summary: z.string(),
        expectedRoundTrips: z.record(z.string(), z.number().int()),
        /** The link's rate its arms were measured over, bits per second each way; null: no limit (absent in older runs). */
        bandwidth: BandwidthSchema.nullable().default(null),
        /** How long the page had to start no request after an interaction's end before its capture closed (Scenario.settleQuietMs); absent: 0. */
        settleQuietMs: z.number().optional(),
      }),
    )
    .default([]),
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
    /** Environment variables that change what is measured; a secret-looking one is named, never its value. */
    variables: z.record(z.string(), z.string()).default({}),
  }),
  /** How busy the machine was: before anything started, and over the whole run. */
  machine: z
    .object({ atStart: MachineLoadSchema, overall: MachineLoadSchema, warnings: z.array(z.string()) })
    .optional(),
  /** Absent when the browser suite did not run. */
  browser: z
    .object({
      rttEmulation: z.enum(['proxy', 'cdp']),
      chromeModes: z.array(ChromeMode),
      wallSeconds: z.number(),
      groups: z.array(GroupSchema),
      cells: z.array(CellSchema),
      comparisons: z.array(ComparisonSchema),
      aa: z.array(AaSchema),
      accuracy: z.array(AccuracySchema),
      /** The machine's load per round. */
      rounds: z.array(MachineLoadSchema),
      /** Arms whose page failed (plan.ts armKey): recomputing keeps their comparisons failed. Absent in older runs. */
      failedArms: z.array(z.string()).optional(),
      /** Interactions that never committed, warm-ups included (each cell counts its measured ones). Absent in older runs. */
      uncommitted: z.array(UncommittedSchema).optional(),
    })
    .optional(),
  /** Absent when the HTTP-load suite did not run. */
  http: z
    .object({
      mode: z.enum(['amount', 'duration', 'rate']),
      /** What was loaded: the local production server, or a deployment (--target). Absent in runs before it was recorded. */
      server: z
        .object({
          origin: z.string(),
          remote: z.boolean(),
          buildId: z.string(),
          actionKeyFixed: z.boolean(),
          scopeTag: z.string(),
        })
        .optional(),
      encodings: z.array(z.enum(['gzip', 'identity'])),
      /** Blocks: each runs every cell of a group twice, as a palindrome (runner/measure/http/suite.ts). */
      repeats: z.number().int(),
      /** The load each measured window holds, in seconds at the cell's warmed-up rate. Absent in older runs. */
      windowSeconds: z.number().optional(),
      /** Where the load generator and the server ran. Absent in older runs (the generator in the runner's process). */
      isolation: z
        .object({
          generator: z.literal('child-process'),
          pinned: z.boolean(),
          serverCores: z.array(z.number().int()).nullable(),
          generatorCores: z.array(z.number().int()).nullable(),
          /** Why not pinned, when not. */
          note: z.string().nullable(),
        })
        .optional(),
      cells: z.array(HttpCellSchema),
      ratios: z.array(HttpRatioSchema),
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
  /** Absent when the probes suite did not run. */
  probes: z
    .object({
      /** C10: the scripts each variant's page loads. */
      clientJs: z.array(
        z.object({
          scenario: z.string(),
          variant: z.string(),
          scripts: z.number().int(),
          rawBytes: z.number().int(),
          gzipBytes: z.number().int(),
          files: z.array(z.object({ path: z.string(), rawBytes: z.number().int(), gzipBytes: z.number().int() })),
        }),
      ),
      /** C7: an action's response headers, and GET Route Handlers read right after a mutation (runner/measure/probes/caching.ts). */
      caching: z
        .object({
          action: z.object({
            method: z.literal('POST'),
            status: z.number().int(),
            cacheControl: z.string().nullable(),
          }),
          routes: z.array(
            z.object({
              route: z.enum(['default', 'opt-in']),
              path: z.string(),
              status: z.number().int(),
              cacheControl: z.string().nullable(),
              freshAfterMutation: z.boolean(),
            }),
          ),
        })
        .optional(),
      /** C5: mutations sent with each Origin shape (CsrfOriginSchema) and by a real cross-site form (runner/measure/probes/csrf.ts). */
      csrf: z
        .array(
          z.object({
            transport: z.enum(['action', 'route']),
            path: z.string(),
            origin: CsrfOriginSchema,
            status: z.number().int().nullable(),
            persisted: z.boolean(),
          }),
        )
        .optional(),
      /** C6: a form bound to an action submitted with JavaScript disabled (runner/measure/probes/nojs.ts). */
      noJs: z
        .object({
          status: z.number().int().nullable(),
          countBefore: z.string().nullable(),
          countAfter: z.string().nullable(),
          persisted: z.boolean(),
        })
        .optional(),
      /** C8: actions called from a plain HTTP client with only their id (runner/measure/probes/public-actions.ts). */
      publicActions: z
        .array(
          z.object({
            action: z.string(),
            importedByClient: z.boolean(),
            inBuild: z.boolean(),
            status: z.number().int().nullable(),
            persisted: z.boolean(),
          }),
        )
        .optional(),
      /** C8's id stability and C13's guard, from extra builds (--build-probes; runner/measure/probes/builds.ts). */
      builds: z
        .object({
          actionIds: z.array(
            z.object({
              build: z.enum(['again with the key', 'without the key']),
              actions: z.number().int(),
              sameAsMeasured: z.number().int(),
            }),
          ),
          serverOnlyMisuse: z.object({ buildFailed: z.boolean(), message: z.string().nullable() }),
        })
        .optional(),
      /** C12: what the fixture's proxy (middleware) marked on an action's, a route's and an unmatched page's response. */
      middleware: z
        .array(
          z.object({
            request: z.enum(['action', 'route', 'unmatched page']),
            method: z.string(),
            path: z.string(),
            status: z.number().int(),
            proxySaw: z.string().nullable(),
          }),
        )
        .optional(),
      /** C13: the planted server-only secret searched in the client build output and in every byte the browser loaded. */
      secrets: z
        .object({
          clientFiles: z.object({
            scanned: z.number().int(),
            bytes: z.number().int(),
            containing: z.array(z.string()),
          }),
          browser: z.object({ responses: z.number().int(), bytes: z.number().int(), containing: z.array(z.string()) }),
          actionUsedSecret: z.boolean(),
          routeUsedSecret: z.boolean(),
          signatureSeen: z.boolean(),
        })
        .optional(),
      /** C9: lines of each variant's own code (runner/measure/probes/transport-code.ts). */
      transportCode: z.array(
        z.object({
          scenario: z.string(),
          variant: z.string(),
          lines: z.number().int(),
          files: z.array(z.object({ path: z.string(), lines: z.number().int() })),
        }),
      ),
    })
    .optional(),
  claims: z.array(ClaimSchema),
});

/** A probe row whose outcome differs between two versions of a matrix listed one after the other. */
export const ProbeRowChangeSchema = z.object({
  /** The claim the probe feeds (`C5`). */
  claim: z.string(),
  /** The row's identity within its probe, in words (`action /counter/action, Origin null`). */
  row: z.string(),
  baseline: z.string(),
  candidate: z.string(),
  /** The outcome in words (`rejected (403)`); null where that version has no such row. */
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type ProbeRowChange = z.infer<typeof ProbeRowChangeSchema>;

/** One Next version of a version matrix (--next): what was installed and built, and everything measured on it. */
export const VersionSectionSchema = z.object({
  /** The build label its samples and load repeats carry (`next@16.4.5`). */
  label: z.string(),
  next: z.string(),
  react: z.string(),
  reactDom: z.string(),
  /** The bundler `next build` used by default in this version: Turbopack from Next 16, webpack before. */
  bundler: z.enum(['turbopack', 'webpack']),
  /** The isolated install it was built against; null for the project's own pinned version. */
  installDir: z.string().nullable(),
  /** Whether the install was reused from the cache rather than installed by this run. */
  reusedInstall: z.boolean(),
  browser: ResultsCoreSchema.shape.browser,
  http: ResultsCoreSchema.shape.http,
  probes: ResultsCoreSchema.shape.probes,
  claims: z.array(ClaimSchema),
});
export type VersionSection = z.infer<typeof VersionSectionSchema>;

export const ResultsSchema = ResultsCoreSchema.extend({
  /**
   * A user's own app (--config): the config file its scenarios came from. Its claims are empty: the claims are
   * about the fixture's scenarios, and the report shows the app's variants' comparisons.
   */
  app: z
    .object({
      configFile: z.string(),
      /** false: a duet's regressions are reported but the run exits 0 (the config's regression.failOnRegression). */
      failOnRegression: z.boolean(),
    })
    .optional(),
  /**
   * A version matrix (--next): every version's sections and claims, and each version against the one listed
   * before it, metric by metric. The run's top-level browser, http, probes and claims are the last version's.
   */
  matrix: z
    .object({
      versions: z.array(VersionSectionSchema).min(1),
      band: NoiseBandSchema,
      comparisons: z.array(
        z.object({ baseline: z.string(), candidate: z.string(), comparison: z.array(MetricComparisonSchema) }),
      ),
      /** The probe rows whose outcome differs from the version before. Absent in results older than the field. */
      probeChanges: z.array(ProbeRowChangeSchema).optional(),
    })
    .optional(),
});

export type Sample = z.infer<typeof SampleSchema>;
export type RequestRecord = z.infer<typeof RequestRecordSchema>;
export type Cell = z.infer<typeof CellSchema>;
export type Comparison = z.infer<typeof ComparisonSchema>;
export type AaResult = z.infer<typeof AaSchema>;
export type Accuracy = z.infer<typeof AccuracySchema>;
export type ProbeResults = NonNullable<Results['probes']>;
export type Claim = z.infer<typeof ClaimSchema>;
export type HttpCell = z.infer<typeof HttpCellSchema>;
export type HttpRepeat = z.infer<typeof HttpRepeatSchema>;
export type HttpRatio = z.infer<typeof HttpRatioSchema>;
export type Group = z.infer<typeof GroupSchema>;
export type MachineLoadRow = z.infer<typeof MachineLoadSchema>;
export type Estimate = z.infer<typeof EstimateSchema>;
export type Results = z.infer<typeof ResultsSchema>;
export type BrowserResults = NonNullable<Results['browser']>;
export type HttpResults = NonNullable<Results['http']>;
