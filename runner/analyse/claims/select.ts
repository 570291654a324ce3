// What several claims read out of a run's results.
import type { ChromeMode } from '../../core/plan';
import type { BrowserResults, Comparison, HttpRatio } from '../../contract/results';
import { fitLine, tCritical, type LineFit } from '../../stats/interval';

/** A scenario's comparisons of variant `a` against the action, in one Chrome mode or all, by RTT. */
export const comparisonsOf = (browser: BrowserResults | undefined, scenario: string, a: string, chrome?: ChromeMode) =>
  (browser?.comparisons ?? [])
    .filter((c) => c.scenario === scenario && c.a === a && (chrome === undefined || c.chrome === chrome))
    .sort((x, y) => x.rttMs - y.rttMs);

/** Comparisons of a scenario in the reference Chrome mode (input deferral off), by RTT. */
export const referenceComparisons = (browser: BrowserResults | undefined, scenario: string): Comparison[] =>
  (browser?.comparisons ?? [])
    .filter((c) => c.scenario === scenario && c.chrome === 'no-defer')
    .sort((x, y) => x.rttMs - y.rttMs);

/** A line through comparisons against RTT; each point's standard error is recovered from its reported t interval. */
export function fitOf(rows: readonly Comparison[]): LineFit | null {
  if (new Set(rows.map((row) => row.rttMs)).size < 2) return null;
  return fitLine(
    rows.map((row) => ({
      x: row.rttMs,
      y: row.diffMedianMs,
      standardError: (row.ci95[1] - row.ci95[0]) / 2 / tCritical(row.df),
    })),
    Math.min(...rows.map((row) => row.df)),
  );
}

/** A load ratio as an evidence row shows it. */
export const ratioRow = (ratio: HttpRatio) => ({
  estimate: ratio.estimate,
  ci95: ratio.ci95,
  repeats: ratio.repeats,
  connections: ratio.connections,
  encoding: ratio.encoding,
});

/** Each route variant of a scenario beside the scenario's action variant, from one probe's rows. */
export function againstAction<Row extends { scenario: string; variant: string }>(
  rows: readonly Row[] | undefined,
): { scenario: string; route: Row; action: Row }[] {
  return (rows ?? []).flatMap((route) => {
    const action = rows!.find((row) => row.scenario === route.scenario && row.variant === 'action');
    return action && route.variant !== 'action' ? [{ scenario: route.scenario, route, action }] : [];
  });
}
