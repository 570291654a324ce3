import escapeHtml from 'escape-html';
import {
  COMPARISON_COLUMNS,
  comparisonCells,
  comparisonVerdict,
  orderedComparison,
} from '../runner/analyse/compare/compare';
import { accuracyMissed, accuracyShown, aaWithinBand, HTTP_AA_BAND } from '../runner/analyse/claims/gating';
import type { MetricComparison, Results } from '../runner/contract/results';
import { table, verdictBadge } from './html';
import { headline } from './headlines';

const e = (value: string) => escapeHtml(value);

/** Metric by metric, regressions first and marked. */
function comparisonTable(comparison: readonly MetricComparison[]): string {
  const rows = orderedComparison(comparison).map((row) => {
    const cells = comparisonCells(row).map(e);
    return [
      ...cells.slice(0, 6),
      row.verdict === 'regression' ? `<strong class="regression">${cells[6]}</strong>` : cells[6]!,
    ];
  });
  return table(COMPARISON_COLUMNS, rows);
}

/** A duet's answer near the top of the report: this checkout against the ref, metric by metric. Pure. */
export function duetSection(against: NonNullable<Results['against']>): string {
  const lockfile = against.lockfileDiffers
    ? '<p>The ref’s package-lock.json differs from this checkout’s: its fixture was built with this checkout’s dependencies.</p>'
    : '';
  return `<section id="duet"><h2>This checkout against ${e(against.ref)} (${e(against.commit.slice(0, 12))})</h2>
<p>${e(comparisonVerdict(against.comparison, against.band, 'duet'))} Baseline: the fixture at ${e(against.ref)}; candidate: this checkout’s.</p>${lockfile}
${comparisonTable(against.comparison)}</section>`;
}

/**
 * A version matrix near the top of the report: what each version was built with, every claim's verdict per
 * version side by side, and each version against the one before it, metric by metric. Pure.
 */
export function versionsSection(matrix: NonNullable<Results['matrix']>): string {
  const { versions } = matrix;
  const installs = versions.map((version) => [
    e(version.next),
    e(version.react),
    version.bundler === 'turbopack' ? 'Turbopack' : 'webpack',
    version.installDir === null
      ? 'the project’s own node_modules (the pinned version)'
      : `<code>${e(version.installDir)}</code>${version.reusedInstall ? ' (reused)' : ' (installed by this run)'}`,
    String(version.browser?.cells.length ?? 0),
    String(version.http?.cells.length ?? 0),
  ]);
  const claimIds = versions[0]!.claims.map((claim) => claim.id);
  const claimRows = claimIds.map((id) => [
    e(id),
    ...versions.map((version) => {
      const claim = version.claims.find((c) => c.id === id);
      return claim ? `${verdictBadge(claim.verdict)}<br><small>${e(headline(claim))}</small>` : '';
    }),
  ]);
  const comparisons = matrix.comparisons.map(
    (pair) => `<h3>${e(pair.candidate)} against ${e(pair.baseline)}</h3>
<p>${e(comparisonVerdict(pair.comparison, matrix.band, 'versions'))} A regression is ${e(pair.candidate)} worse than ${e(pair.baseline)}.</p>
${comparisonTable(pair.comparison)}`,
  );
  const exact = exactRows(versions);
  return `<section id="versions"><h2>Next.js versions</h2>
<p>The same fixture source (one adapter: <code>proxy.ts</code> becomes <code>middleware.ts</code> before Next 16) built and served by ${versions.length} Next versions, each with its own production server and database. Browser arms of every version were sampled in the same randomized rounds, and load cells in the same interleaved passes (against one floor server); the probes ran per version. The sections below this one describe ${e(versions.at(-1)!.label)}, the last version listed.</p>
${table(['Next', 'React', 'next build’s bundler', 'installed in', 'browser cells', 'load cells'], installs)}
<h3>What each interaction sends and loads, per version</h3>
<p>Per cell at the lowest RTT with deferral off: requests per interaction, median bytes on the wire to the server (↑) and to the browser (↓), headers included, and the gzip size of the JavaScript its page loads (the probes). A value that differs from ${e(versions[0]!.label)}’s is bold. These are counts, not samples: the same in every run of a build.</p>
${table(['cell', ...versions.map((version) => version.label)], exact)}
<h3>The instrument’s own checks, per version</h3>
<p>Each version’s controls, measured in the same rounds: the browser A/A (the action against its twin: its difference should be 0), the known answers (each variant’s rise from the lowest RTT: its round trips times the RTT, or a bigger payload’s extra bytes at the link’s rate; shown when its 95% CI lies inside the tolerance, missed when wholly outside), and the load A/A (its throughput ratio should be 1; shown when its 90% CI lies inside ±${e(String(HTTP_AA_BAND * 100))}%). A version whose checks fail says less, whatever its numbers.</p>
${table(['version', 'browser A/A: 95% CIs containing 0', 'known answers', 'load A/A: inside the band'], instrumentRows(versions))}
<h3>Every claim, per version</h3>
${table(['claim', ...versions.map((version) => version.label)], claimRows, 'verdicts')}
${probeChanges(matrix)}${comparisons.join('\n')}</section>`;
}

/** The probe rows whose outcome differs from the version listed before, or a sentence saying none does. */
function probeChanges({ versions, probeChanges: changes }: NonNullable<Results['matrix']>): string {
  // Results older than the comparison hold none, and with one version or no probes there is nothing to compare.
  if (!changes || versions.length < 2 || !versions.some((version) => version.probes)) return '';
  const heading = '<h3>Probe rows that changed between versions</h3>\n';
  if (!changes.length) return `${heading}<p>No probe row differs between the ${versions.length} versions.</p>\n`;
  const rows = changes.map((change) => [
    e(change.claim),
    e(change.row),
    `${e(change.baseline)}: ${e(change.before ?? 'not probed')}`,
    `${e(change.candidate)}: ${e(change.after ?? 'not probed')}`,
  ]);
  return `${heading}<p>Each probe row (C5's requests by transport, path and Origin shape; the other probes' rows by what they send) whose outcome differs from the version listed before it. The probes are exact: a changed row is a changed behaviour, not noise.</p>
${table(['claim', 'probe row', 'before', 'after'], rows)}\n`;
}

/** Per version: how many of its controls held (browser A/A, RTT known answers, load A/A), the ones that did not named. */
function instrumentRows(versions: NonNullable<Results['matrix']>['versions']): string[][] {
  const named = (items: readonly string[]) => (items.length ? `<br><small>${e(items.join('; '))}</small>` : '');
  const ms = (value: number) => value.toFixed(1);
  return versions.map((version) => {
    const aa = version.browser?.aa ?? [];
    const strayAa = aa.filter((row) => row.ci95[0] > 0 || row.ci95[1] < 0);
    const known = (version.browser?.accuracy ?? []).filter((row) => row.noKnownAnswer === undefined && row.reference);
    const [shown, missed] = [known.filter(accuracyShown), known.filter(accuracyMissed)];
    const loadAa = (version.http?.ratios ?? []).filter((ratio) => ratio.kind === 'aa');
    return [
      e(version.label),
      aa.length
        ? `${aa.length - strayAa.length} of ${aa.length}${named(strayAa.map((row) => `${row.scenario} at RTT ${row.rttMs} ms: ${ms(row.diffMedianMs)} (${ms(row.ci95[0])} to ${ms(row.ci95[1])})`))}`
        : 'not measured',
      known.length
        ? `shown ${shown.length}, missed ${missed.length}, undecided ${known.length - shown.length - missed.length} of ${known.length}${named(missed.map((row) => `${row.scenario}/${row.variant} at RTT ${row.rttMs} ms: ${ms(row.measuredIncreaseMs)} against ${ms(row.expectedIncreaseMs)} ms`))}`
        : 'not measured',
      loadAa.length ? `${loadAa.filter(aaWithinBand).length} of ${loadAa.length}` : 'not measured',
    ];
  });
}

/** One row per browser cell: what its interaction sends and its page loads, in every version, differences bold. */
function exactRows(versions: NonNullable<Results['matrix']>['versions']): string[][] {
  const lowestRtt = Math.min(...versions.flatMap((version) => version.browser?.cells.map((cell) => cell.rttMs) ?? []));
  const cellsOf = (version: (typeof versions)[number]) =>
    version.browser?.cells.filter((cell) => cell.rttMs === lowestRtt && cell.chrome === 'no-defer') ?? [];
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  return cellsOf(versions[0]!).map(({ scenario, variant }) => {
    const facts = versions.map((version) => {
      const cell = cellsOf(version).find((c) => c.scenario === scenario && c.variant === variant);
      const js = version.probes?.clientJs.find((page) => page.scenario === scenario && page.variant === variant);
      return cell
        ? [
            `${cell.requestsPerInteraction} request${cell.requestsPerInteraction === 1 ? '' : 's'}${cell.requestsAfterEndPerInteraction ? ` (${cell.requestsAfterEndPerInteraction} after the end)` : ''}`,
            `${Math.round(cell.requestBytesPerInteraction)} B ↑`,
            `${Math.round(cell.responseBytesPerInteraction)} B ↓`,
            js ? `page JS ${kb(js.gzipBytes)}` : 'page JS not probed',
          ]
        : ['not measured'];
    });
    return [
      e(`${scenario}/${variant}`),
      ...facts.map((fact) =>
        fact.map((part, index) => (part === facts[0]![index] ? e(part) : `<b>${e(part)}</b>`)).join(', '),
      ),
    ];
  });
}
