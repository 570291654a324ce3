import type { ChromeMode } from '../../core/plan';
import type { Accuracy, BrowserResults, HttpRatio, HttpResults } from '../../contract/results';
import { atConfidence } from '../../stats/interval';

/** What gating needs to know about the run besides its results. */
export interface RunConditions {
  profile: string;
  /** Stage-1 page loads per arm: fewer means under-sampled. */
  minLoads: number;
  /** Discarded rounds at the start: a group's measured page loads come from the rounds after them. */
  warmupRounds?: number;
}

/**
 * The words every precision gate's reason carries (an A/A or a known answer not shown within its tolerance), so a
 * claim can tell "the instrument was too noisy" from a failed, busy or unfinished run.
 */
const NOT_SHOWN = 'not shown';

/** Whether every reason that held rows back was a precision gate (and there was one). */
export const onlyPrecisionGates = (reasons: readonly string[]): boolean =>
  reasons.length > 0 && reasons.every((reason) => reason.includes(NOT_SHOWN));

/**
 * When every gate that held rows back was a precision gate (an A/A or a known answer not shown within its
 * tolerance), the words DESIGN asks for: the instrument was too noisy at this run's size, not the claim undecidable.
 */
export const noisyNote = (reasons: readonly string[]): string =>
  onlyPrecisionGates(reasons) ? " (the instrument was too noisy at this run's size: more page loads narrow it)" : '';

/** Why no row of a quick run carries a verdict. */
export const QUICK_REASON = 'quick profile: a smoke run, too few samples for a verdict';

/**
 * The browser A/A gate (DESIGN, fixed before looking): the twin minus reference difference's 90% CI must lie inside
 * ± max(3 ms, 5% of the reference arm's median). The burden is on the instrument: a noisy A/A fails, it does not pass.
 */
export const BROWSER_AA_FLOOR_MS = 3;
export const BROWSER_AA_SHARE = 0.05;
export const browserAaBand = (referenceMedianMs: number): number =>
  Math.max(BROWSER_AA_FLOOR_MS, BROWSER_AA_SHARE * referenceMedianMs);

/** Whether the RTT known answer was shown: the rise's 95% CI lies inside expected ± tolerance. */
export const accuracyShown = (row: Pick<Accuracy, 'ci95' | 'expectedIncreaseMs' | 'toleranceMs'>): boolean =>
  row.ci95[0] >= row.expectedIncreaseMs - row.toleranceMs && row.ci95[1] <= row.expectedIncreaseMs + row.toleranceMs;

/** Whether the RTT known answer was measurably missed: the rise's 95% CI lies wholly outside expected ± tolerance. */
export const accuracyMissed = (row: Pick<Accuracy, 'ci95' | 'expectedIncreaseMs' | 'toleranceMs'>): boolean =>
  row.ci95[1] < row.expectedIncreaseMs - row.toleranceMs || row.ci95[0] > row.expectedIncreaseMs + row.toleranceMs;

/**
 * Why rows sampled this way may not carry a verdict, or null: the quick profile, a failed or unfinished group, fewer
 * page loads than stage 1's or unequal page loads per arm. Whether the budget or n_max ended the group does not
 * matter (DESIGN): the interval is valid either way, only wider.
 */
function samplingGate(run: RunConditions, sampling: string, loads: readonly number[]): string | null {
  if (run.profile === 'quick') return QUICK_REASON;
  if (sampling === 'failed') return 'an arm of this comparison failed';
  if (sampling === 'open') return 'sampling did not finish';
  if (Math.min(...loads) < run.minLoads) return `${Math.min(...loads)} page loads, below n_min's ${run.minLoads}`;
  if (Math.min(...loads) !== Math.max(...loads)) return `unbalanced arms (${loads.join(' and ')} page loads)`;
  return null;
}

/** DESIGN: a row fed by more than this share of busy rounds or windows is held back. */
export const BUSY_SHARE_LIMIT = 1 / 3;

/** Why a group's rounds make its rows unfit, or null: more than a third of the rounds its page loads came from were busy. */
function busyGate(browser: BrowserResults, run: RunConditions, loads: number): string | null {
  const first = run.warmupRounds ?? 0;
  const rounds = browser.rounds.slice(first, first + loads);
  const busy = rounds.filter((round) => round.busy).length;
  return busy > rounds.length * BUSY_SHARE_LIMIT
    ? `other processes used the machine during ${busy} of the ${rounds.length} rounds it was sampled in`
    : null;
}

/**
 * Why a row read from one cell (the optimistic paint's time, its rise with RTT) may not carry a verdict, or null:
 * the gates of its group's sampling and rounds; a cell has no A/A control of its own.
 */
export function cellGate(
  browser: BrowserResults,
  run: RunConditions,
  cell: { scenario: string; rttMs: number; chrome: ChromeMode; loads: number },
): string | null {
  const group = browser.groups.find(
    (candidate) =>
      candidate.scenario === cell.scenario && candidate.rttMs === cell.rttMs && candidate.chrome === cell.chrome,
  );
  return samplingGate(run, group?.state ?? 'open', [cell.loads]) ?? busyGate(browser, run, cell.loads);
}

/**
 * Why a browser comparison row may not carry a verdict, or null. DESIGN's rules, with the burden of proof on the
 * instrument: the quick profile; a failed, unfinished, under-sampled or unbalanced group; more than a third of its
 * rounds busy; its group's A/A not shown equivalent (90% CI inside ± max(3 ms, 5%)); the known answer of the row's
 * own two variants not shown (the rise's 95% CI inside expected ± max(3 ms, 5%), in the reference mode).
 */
export function browserGate(
  browser: BrowserResults,
  run: RunConditions,
  row: {
    scenario: string;
    rttMs: number;
    chrome: ChromeMode;
    sampling: string;
    loads: readonly [number, number];
    a: string;
    b: string;
  },
): string | null {
  const sampled = samplingGate(run, row.sampling, row.loads) ?? busyGate(browser, run, Math.min(...row.loads));
  if (sampled) return sampled;
  const aa = browser.aa.find((a) => a.scenario === row.scenario && a.rttMs === row.rttMs && a.chrome === row.chrome);
  if (!aa) return 'no A/A control for this scenario and RTT';
  const reference = browser.cells.find(
    (cell) =>
      cell.scenario === aa.scenario &&
      cell.rttMs === aa.rttMs &&
      cell.chrome === aa.chrome &&
      cell.variant === aa.variant,
  );
  const band = browserAaBand(reference?.medianMs ?? 0);
  const [lo, hi] = atConfidence(aa.ci95, aa.df, 0.9);
  if (lo < -band || hi > band)
    return `the A/A control was ${NOT_SHOWN} within ±${band.toFixed(1)} ms (${aa.diffMedianMs.toFixed(1)} ms, 90% CI ${lo.toFixed(1)} to ${hi.toFixed(1)})`;
  // The known answer of the row's own two variants: another variant's client work (route-json's overlaps the
  // network wait) says nothing about whether this difference was measured right. The lowest RTT is the baseline: no row.
  const unshown = browser.accuracy.find(
    (a) =>
      a.reference &&
      !a.mark &&
      a.scenario === row.scenario &&
      a.rttMs === row.rttMs &&
      [row.a, row.b].includes(a.variant) &&
      !accuracyShown(a),
  );
  if (unshown) {
    const [low, high] = unshown.ci95.map((bound) => (bound - unshown.expectedIncreaseMs).toFixed(1));
    return `the RTT known answer was ${NOT_SHOWN} at this RTT (${unshown.variant}'s rise off by ${unshown.errorMs.toFixed(1)} ms, CI ${low} to ${high}, tolerance ±${unshown.toleranceMs.toFixed(1)})`;
  }
  return null;
}

/**
 * The HTTP A/A gate (DESIGN, fixed before looking): the twin / reference throughput ratio's 90% CI must lie inside
 * 1 ± HTTP_AA_BAND before any load ratio is judged. The burden is on the instrument: a noisy A/A fails, it does not pass.
 */
export const HTTP_AA_BAND = 0.05;

/** Whether an A/A ratio's 90% CI lies inside 1 ± HTTP_AA_BAND: the gate, and the accuracy panel's badge. */
export const aaWithinBand = (ratio: Pick<HttpRatio, 'ci90'>): boolean =>
  ratio.ci90[0] >= 1 - HTTP_AA_BAND && ratio.ci90[1] <= 1 + HTTP_AA_BAND;

/** Why a load cell's numbers may not feed a verdict, or null: failed, saturated generator, drifting, never steady, busy. */
export function loadCellProblem(cell: HttpResults['cells'][number]): string | null {
  const name = `the ${cell.variant}${cell.twin ? ' A/A' : ''} cell`;
  if (cell.failed) return `${name} failed (${cell.failed})`;
  if (cell.loadGeneratorSaturated)
    return `${name} measured the load generator: it used ${(cell.loadGeneratorCpu * 100).toFixed(0)}% of its core`;
  if (cell.trend && !cell.trend.stationary) {
    return `${name} drifted against the cells it is compared with (${cell.trend.perStepPct.toFixed(1)}% per block, CI ${cell.trend.ci95Pct.map((x) => x.toFixed(1)).join(' to ')}): not a steady state`;
  }
  if (cell.warmup && !cell.warmup.steady)
    return `${name}'s group was still changing after ${cell.warmup.blocksPerSec.length} warm-up blocks`;
  if (cell.busyRepeats > cell.perRepeat.length * BUSY_SHARE_LIMIT)
    return `other processes used the machine during ${cell.busyRepeats} of ${cell.perRepeat.length} windows of ${name}`;
  return null;
}

/**
 * Why an HTTP ratio row may not carry a verdict, or null: the quick profile; a problem with either cell or with the
 * A/A twin (loadCellProblem); an A/A ratio whose 90% CI is not inside 1 ± HTTP_AA_BAND.
 */
export function httpGate(
  http: HttpResults,
  run: RunConditions,
  row: { scenario: string; connections: number; encoding: string; a: string; b: string },
): string | null {
  if (run.profile === 'quick') return QUICK_REASON;
  const cells = http.cells.filter(
    (cell) =>
      cell.scenario === row.scenario &&
      cell.connections === row.connections &&
      cell.encoding === row.encoding &&
      ([row.a, row.b].includes(cell.variant) || cell.twin),
  );
  for (const cell of cells) {
    const problem = loadCellProblem(cell);
    if (problem) return problem;
  }
  const aa = http.ratios.find(
    (r) =>
      r.kind === 'aa' &&
      r.measure === 'interactionsPerSec' &&
      r.scenario === row.scenario &&
      r.connections === row.connections &&
      r.encoding === row.encoding,
  );
  if (!aa) return 'no A/A control for this load cell';
  if (!aaWithinBand(aa)) {
    return `the A/A throughput ratio was ${NOT_SHOWN} to be within ±${HTTP_AA_BAND * 100}% (${aa.estimate.toFixed(3)}, 90% CI ${aa.ci90.map((x) => x.toFixed(3)).join(' to ')})`;
  }
  return null;
}
