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
  browser: z.object({
    rttEmulation: z.enum(['proxy', 'cdp']),
    wallSeconds: z.number(),
    cells: z.array(CellSchema),
    comparisons: z.array(ComparisonSchema),
    aa: z.array(AaSchema),
    accuracy: z.array(AccuracySchema),
  }),
  /** Absent until the HTTP-load suite has run. */
  http: z
    .object({
      cells: z.array(
        z.object({
          scenario: z.string(),
          variant: z.string(),
          connections: z.number().int(),
          requestsPerSec: z.number(),
          latencyMs: z.object({ p50: Ms, p90: Ms, p99: Ms }),
          bytesPerRequest: z.number(),
          non2xx: z.number().int(),
          errors: z.number().int(),
          acknowledged: z.number().int(),
          persisted: z.number().int(),
        }),
      ),
    })
    .optional(),
  /** Absent until the micro-benchmark suite has run. */
  micro: z
    .object({ tasks: z.array(z.object({ name: z.string(), opsPerSec: z.number(), meanNs: z.number(), rme: z.number() })) })
    .optional(),
  claims: z.array(ClaimSchema),
});

export type Sample = z.infer<typeof SampleSchema>;
export type Cell = z.infer<typeof CellSchema>;
export type Comparison = z.infer<typeof ComparisonSchema>;
export type AaResult = z.infer<typeof AaSchema>;
export type Accuracy = z.infer<typeof AccuracySchema>;
export type Claim = z.infer<typeof ClaimSchema>;
export type Results = z.infer<typeof ResultsSchema>;
export type BrowserResults = Results['browser'];
