import { expect } from 'vitest';
import { headline } from '../reports/headlines';
import type { ClaimModule } from '../runner/analyse/claims/claim-module';
import type {
  AaResult,
  Accuracy,
  BrowserResults,
  Cell,
  Claim,
  Comparison,
  Group,
  HttpCell,
  HttpRatio,
  HttpResults,
  ProbeResults,
} from '../runner/contract/results';

// Synthetic results for the claims' tests (test/claims-cNN-*.test.ts), and the checks every claim's result passes.

/**
 * A claim's result on `input`, every evidence row checked against the claim's schema: it parses, and to itself (the
 * schema names every key a row has, so the report can label and read it).
 */
export function evaluated<Row extends object, Input>(claim: ClaimModule<Row, Input>, input: Input): Claim {
  const result = claim.evaluate(input);
  for (const row of result.evidence) expect(claim.evidence.parse(row)).toEqual(row);
  return result;
}

/** A claim result as runner/analyse/claims writes it; only the verdict and the evidence rows feed the headline. */
export const claim = (
  id: string,
  verdict: Claim['verdict'],
  evidence: Record<string, unknown>[],
  summary = 'The evaluator’s summary.',
): Claim => ({
  id,
  source: 'seeds/test.txt',
  quote: 'a quote',
  verdict,
  summary,
  evidence,
});

/** The headline, checked for what a reader must never see: a JSON key of its evidence, or a value that went missing. */
export function read(result: Claim): string {
  const text = headline(result);
  for (const key of new Set(result.evidence.flatMap((row) => Object.keys(row))))
    if (/[a-z][A-Z]/.test(key)) expect(text).not.toContain(key);
  expect(text).not.toMatch(/undefined|NaN|\[object/);
  return text;
}

// The revalidate and counter claims (C1-C4): comparisons of 10 page loads per arm, n_min 8.
export const run = { profile: 'standard', minLoads: 8 };

export const comparison = (
  a: string,
  rttMs: number,
  ci95: [number, number],
  extra: Partial<Comparison> = {},
): Comparison => ({
  scenario: 'revalidate',
  rttMs,
  chrome: 'no-defer',
  a,
  b: 'action',
  diffMedianMs: (ci95[0] + ci95[1]) / 2,
  ci95,
  df: 9,
  n: [30, 30],
  loads: [10, 10],
  sampling: 'precision',
  ...extra,
});
export const aaRow = (rttMs: number, ci95: [number, number], scenario = 'revalidate'): AaResult => ({
  scenario,
  rttMs,
  chrome: 'no-defer',
  variant: 'action',
  diffMedianMs: (ci95[0] + ci95[1]) / 2,
  ci95,
  df: 9,
  n: [30, 30],
  loads: [10, 10],
  sampling: 'precision',
});

export function browser(
  comparisons: Comparison[],
  options: { aa?: AaResult[]; accuracy?: Partial<Accuracy>[]; cells?: Partial<Cell>[] } = {},
): BrowserResults {
  const rtts = [...new Set(comparisons.map((c) => c.rttMs))];
  return {
    rttEmulation: 'proxy',
    chromeModes: ['no-defer'],
    wallSeconds: 1,
    groups: [],
    rounds: [],
    cells: (options.cells ?? []) as Cell[],
    comparisons,
    aa:
      options.aa ??
      [...new Set(comparisons.map((c) => c.scenario))].flatMap((scenario) =>
        rtts.map((rtt) => aaRow(rtt, [-1, 1], scenario)),
      ),
    accuracy: (options.accuracy ?? []) as Accuracy[],
  };
}

export const httpCell = (variant: string, encoding: 'gzip' | 'identity', extra: Partial<HttpCell> = {}) =>
  ({
    scenario: 'counter',
    variant,
    twin: false,
    connections: 10,
    encoding,
    failed: null,
    loadGeneratorCpu: 0.1,
    loadGeneratorSaturated: false,
    busyRepeats: 0,
    perRepeat: [],
    requestBytesPerInteraction: variant === 'action' ? 700 : 500,
    responseBytesPerInteraction: variant === 'action' ? 480 : 270,
    ...extra,
  }) as HttpCell;
const ratio = (
  measure: HttpRatio['measure'],
  encoding: 'gzip' | 'identity',
  ci95: [number, number],
  kind: HttpRatio['kind'] = 'comparison',
): HttpRatio => ({
  scenario: 'counter',
  connections: 10,
  encoding,
  a: kind === 'aa' ? 'action#aa' : 'action',
  b: kind === 'aa' ? 'action' : 'route',
  kind,
  measure,
  estimate: Math.sqrt(ci95[0] * ci95[1]),
  ci95,
  ci90: [ci95[0] + (ci95[1] - ci95[0]) * 0.08, ci95[1] - (ci95[1] - ci95[0]) * 0.08],
  repeats: 5,
});
/** The counter under load: action / route throughput per encoding with these CIs, and its A/A. */
export function http(
  gzip: [number, number],
  identity: [number, number],
  aa: [number, number] = [0.95, 1.05],
): HttpResults {
  return {
    mode: 'amount',
    encodings: ['gzip', 'identity'],
    repeats: 5,
    cells: (['gzip', 'identity'] as const).flatMap((encoding) => [
      httpCell('action', encoding),
      httpCell('route', encoding),
    ]),
    ratios: [
      ratio('interactionsPerSec', 'gzip', gzip),
      ratio('interactionsPerSec', 'identity', identity),
      ratio('serverCpuMsPerInteraction', 'gzip', [1.3, 1.5]),
      ratio('serverCpuMsPerInteraction', 'identity', [0.98, 1.1]),
      ratio('interactionsPerSec', 'gzip', aa, 'aa'),
      ratio('interactionsPerSec', 'identity', aa, 'aa'),
    ],
  };
}

// The scenario claims (C11, C14, C15): a scenario's cells and comparisons of 5 page loads per arm, n_min 4.
export const scenarioRun = { profile: 'standard', minLoads: 4 };

export const scenarioComparison = (
  scenario: string,
  rttMs: number,
  ci95: [number, number],
  extra: Partial<Comparison> = {},
): Comparison => comparison('route', rttMs, ci95, { scenario, df: 6, n: [15, 15], loads: [5, 5], ...extra });
const scenarioAa = (scenario: string, rttMs: number): AaResult => ({
  scenario,
  rttMs,
  chrome: 'no-defer',
  variant: 'action',
  diffMedianMs: 0,
  ci95: [-2, 2],
  df: 6,
  n: [15, 15],
  loads: [5, 5],
  sampling: 'precision',
});
export const group = (scenario: string, rttMs: number, state: Group['state'] = 'precision'): Group => ({
  key: `${scenario}@${rttMs}`,
  scenario,
  rttMs,
  chrome: 'no-defer',
  state,
  loads: 5,
  plannedLoads: 5,
  capped: false,
  stageOneHalfWidthMs: 3,
});
export const cell = (scenario: string, variant: string, rttMs: number, extra: Partial<Cell> = {}): Cell =>
  ({
    scenario,
    variant,
    rttMs,
    chrome: 'no-defer',
    n: 15,
    loads: 5,
    roundTrips: 1,
    expectedRoundTrips: 1,
    marks: [],
    ...extra,
  }) as Cell;

export function scenarioBrowser(parts: {
  comparisons?: Comparison[];
  cells?: Cell[];
  accuracy?: Accuracy[];
  groups?: Group[];
}): BrowserResults {
  const comparisons = parts.comparisons ?? [];
  const keys = new Set([...comparisons, ...(parts.cells ?? [])].map((row) => `${row.scenario}|${row.rttMs}`));
  const pairs = [...keys].map((key) => key.split('|') as [string, string]);
  return {
    rttEmulation: 'proxy',
    chromeModes: ['no-defer'],
    wallSeconds: 1,
    rounds: [],
    groups: parts.groups ?? pairs.map(([scenario, rtt]) => group(scenario, Number(rtt))),
    cells: parts.cells ?? [],
    comparisons,
    aa: pairs.map(([scenario, rtt]) => scenarioAa(scenario, Number(rtt))),
    accuracy: parts.accuracy ?? [],
  };
}

/** The probes suite's results with these probes (the two every run of the suite has default to none). */
export const probes = (parts: Partial<ProbeResults>): ProbeResults => ({ clientJs: [], transportCode: [], ...parts });
