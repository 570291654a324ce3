import type { ChromeMode } from '../plan';
import type { Accuracy, BrowserResults, HttpRatio, HttpResults } from '../results/schema';

/** What gating needs to know about the run besides its results. */
export interface RunConditions {
  profile: string;
  /** Stage-1 page loads per arm: fewer means under-sampled. */
  minLoads: number;
}

/** Why no row of a quick run carries a verdict. */
export const QUICK_REASON = 'quick profile: a smoke run, too few samples for a verdict';

/**
 * Whether the RTT known answer was measurably missed: the rise's 95% CI lies wholly outside expected ± tolerance.
 * Like the A/A control (CI excludes 0), the gate needs evidence of a miss: a point error past the tolerance with a
 * CI that still reaches the band is noise in the RTT-0 baseline (seed 211: rise 33.6 to 66.3 ms for an expected
 * 60, point error -10 ms), and gating on it held back a different random third of the rows in every run.
 */
export function accuracyMissed(row: Pick<Accuracy, 'ci95' | 'expectedIncreaseMs' | 'toleranceMs'>): boolean {
  return row.ci95[1] < row.expectedIncreaseMs - row.toleranceMs || row.ci95[0] > row.expectedIncreaseMs + row.toleranceMs;
}

/** Why rows sampled this way may not carry a verdict, or null: the quick profile, a failed, budget-stopped, unfinished or under-sampled group. */
function samplingGate(run: RunConditions, sampling: string, loads: number): string | null {
  if (run.profile === 'quick') return QUICK_REASON;
  if (sampling === 'failed') return 'an arm of this comparison failed';
  if (sampling === 'budget') return 'the time budget stopped sampling before the planned page loads';
  if (sampling === 'open') return 'sampling did not finish';
  if (loads < run.minLoads) return `${loads} page loads, below n_min's ${run.minLoads}`;
  return null;
}

/**
 * Why a row read from one cell (the optimistic paint's time, its rise with RTT) may not carry a verdict, or null:
 * the gates of its group's sampling; a cell has no A/A control of its own.
 */
export function cellGate(browser: BrowserResults, run: RunConditions, cell: { scenario: string; rttMs: number; chrome: ChromeMode; loads: number }): string | null {
  const group = browser.groups.find((candidate) => candidate.scenario === cell.scenario && candidate.rttMs === cell.rttMs && candidate.chrome === cell.chrome);
  return samplingGate(run, group?.state ?? 'open', cell.loads);
}

/**
 * Why a browser comparison row may not carry a verdict, or null. DESIGN's rule: no verdict from failed,
 * budget-stopped or under-sampled rows, the quick profile, or a scenario/RTT whose A/A fails or whose accuracy
 * row measurably missed its known answer for one of the row's two variants (in the reference mode). A row capped at n_max keeps its verdict:
 * its CI is wider than the target, and the two-stage procedure keeps 95% either way (test/sequential.test.ts).
 */
export function browserGate(
  browser: BrowserResults,
  run: RunConditions,
  row: { scenario: string; rttMs: number; chrome: ChromeMode; sampling: string; loads: readonly [number, number]; a: string; b: string },
): string | null {
  const sampled = samplingGate(run, row.sampling, Math.min(...row.loads));
  if (sampled) return sampled;
  const aa = browser.aa.find((a) => a.scenario === row.scenario && a.rttMs === row.rttMs && a.chrome === row.chrome);
  if (!aa) return 'no A/A control for this scenario and RTT';
  if (aa.ci95[0] > 0 || aa.ci95[1] < 0) return `the A/A control at this RTT excluded 0 (${aa.diffMedianMs.toFixed(1)} ms, CI ${aa.ci95.map((x) => x.toFixed(1)).join(' to ')})`;
  // The known answer of the row's own two variants: another variant's client work (route-json's overlaps the
  // network wait) says nothing about whether this difference was measured right.
  const inaccurate = browser.accuracy.find(
    (a) => a.reference && a.scenario === row.scenario && a.rttMs === row.rttMs && [row.a, row.b].includes(a.variant) && accuracyMissed(a),
  );
  if (inaccurate) {
    const [lo, hi] = inaccurate.ci95.map((bound) => (bound - inaccurate.expectedIncreaseMs).toFixed(1));
    return `the accuracy check failed at this RTT (${inaccurate.variant} off by ${inaccurate.errorMs.toFixed(1)} ms, CI ${lo} to ${hi}, tolerance ±${inaccurate.toleranceMs})`;
  }
  return null;
}

/**
 * The HTTP A/A gate (DESIGN, fixed before looking): the twin / reference throughput ratio's 90% CI must lie inside
 * 1 ± HTTP_AA_BAND before any load ratio is judged. The burden is on the instrument: a noisy A/A fails, it does not pass.
 */
export const HTTP_AA_BAND = 0.05;

/** Whether an A/A ratio's 90% CI lies inside 1 ± HTTP_AA_BAND: the gate, and the accuracy panel's badge. */
export const aaWithinBand = (ratio: Pick<HttpRatio, 'ci90'>): boolean => ratio.ci90[0] >= 1 - HTTP_AA_BAND && ratio.ci90[1] <= 1 + HTTP_AA_BAND;

/** DESIGN: a row fed by more than this share of busy windows is held back. */
export const BUSY_SHARE_LIMIT = 1 / 3;

/** Why a load cell's numbers may not feed a verdict, or null: failed, saturated generator, drifting, never steady, busy. */
export function loadCellProblem(cell: HttpResults['cells'][number]): string | null {
  const name = `the ${cell.variant}${cell.twin ? ' A/A' : ''} cell`;
  if (cell.failed) return `${name} failed (${cell.failed})`;
  if (cell.loadGeneratorSaturated) return `${name} measured the load generator: it used ${(cell.loadGeneratorCpu * 100).toFixed(0)}% of its core`;
  if (cell.trend && !cell.trend.stationary) {
    return `${name} drifted against the cells it is compared with (${cell.trend.perStepPct.toFixed(1)}% per block, CI ${cell.trend.ci95Pct.map((x) => x.toFixed(1)).join(' to ')}): not a steady state`;
  }
  if (cell.warmup && !cell.warmup.steady) return `${name}'s group was still changing after ${cell.warmup.blocksPerSec.length} warm-up blocks`;
  if (cell.busyRepeats > cell.perRepeat.length * BUSY_SHARE_LIMIT) return `other processes used the machine during ${cell.busyRepeats} of ${cell.perRepeat.length} windows of ${name}`;
  return null;
}

/**
 * Why an HTTP ratio row may not carry a verdict, or null: the quick profile; a problem with either cell or with the
 * A/A twin (loadCellProblem); an A/A ratio whose 90% CI is not inside 1 ± HTTP_AA_BAND.
 */
export function httpGate(http: HttpResults, run: RunConditions, row: { scenario: string; connections: number; encoding: string; a: string; b: string }): string | null {
  if (run.profile === 'quick') return QUICK_REASON;
  const cells = http.cells.filter(
    (cell) => cell.scenario === row.scenario && cell.connections === row.connections && cell.encoding === row.encoding && ([row.a, row.b].includes(cell.variant) || cell.twin),
  );
  for (const cell of cells) {
    const problem = loadCellProblem(cell);
    if (problem) return problem;
  }
  const aa = http.ratios.find((r) => r.kind === 'aa' && r.measure === 'interactionsPerSec' && r.scenario === row.scenario && r.connections === row.connections && r.encoding === row.encoding);
  if (!aa) return 'no A/A control for this load cell';
  if (!aaWithinBand(aa)) {
    return `the A/A throughput ratio was not shown to be within ±${HTTP_AA_BAND * 100}% (${aa.estimate.toFixed(3)}, 90% CI ${aa.ci90.map((x) => x.toFixed(3)).join(' to ')})`;
  }
  return null;
}
