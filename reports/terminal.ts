import { pathToFileURL } from 'node:url';
import { table, type Alignment } from 'table';
import type { Cell, Claim, Comparison, HttpCell, Results } from '../runner/contract/results';
import { medianInterval } from '../runner/stats/interval';
import { bottomLine } from './bottom-line';

/** A column of a terminal table: its heading, alignment and how it reads one row. */
interface Column<Row> {
  label: string;
  align: Alignment;
  format(row: Row): string;
}

/** A terminal line never runs past this: a claim's words are cut with an ellipsis. */
export const LINE_WIDTH = 99;

const fixed = (value: number, digits = 1) => value.toFixed(digits).replace(/^-/, '−');
const signed = (value: number) => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(1)}`;
const clip = (text: string) => (text.length <= LINE_WIDTH ? text : `${text.slice(0, LINE_WIDTH - 1)}…`);

interface BrowserRow {
  cell: Cell;
  /** This variant minus the action at the same RTT and Chrome mode; null for the action itself. */
  versusAction: Comparison | null;
}

const BROWSER_COLUMNS: Column<BrowserRow>[] = [
  { label: 'variant', align: 'left', format: ({ cell }) => cell.variant },
  {
    label: 'RTT',
    align: 'right',
    format: ({ cell }) => `${cell.rttMs} ms${cell.chrome === 'shipped' ? ' (shipped Chrome)' : ''}`,
  },
  { label: 'n (loads)', align: 'right', format: ({ cell }) => `${cell.n} (${cell.loads})` },
  { label: 'median ms', align: 'right', format: ({ cell }) => fixed(cell.medianMs) },
  {
    label: '95% CI',
    align: 'right',
    format: ({ cell }) => {
      const [lo, hi] = medianInterval(cell.samplesMs).ci95;
      return `${fixed(lo)}–${fixed(hi)}`;
    },
  },
  {
    label: 'variant − action, ms (95% CI)',
    align: 'right',
    format: ({ versusAction: c }) =>
      c ? `${signed(c.diffMedianMs)} (${signed(c.ci95[0])} to ${signed(c.ci95[1])})` : 'baseline',
  },
];

const HTTP_COLUMNS: Column<HttpCell>[] = [
  { label: 'variant', align: 'left', format: (cell) => `${cell.variant}${cell.twin ? ' (A/A twin)' : ''}` },
  { label: 'load', align: 'right', format: (cell) => `${cell.connections} conn, ${cell.encoding}` },
  { label: 'interactions/s', align: 'right', format: (cell) => fixed(cell.interactionsPerSec, 0) },
  {
    label: '95% CI',
    align: 'right',
    format: (cell) => `${fixed(cell.interactionsPerSecCi.ci95[0], 0)}–${fixed(cell.interactionsPerSecCi.ci95[1], 0)}`,
  },
  { label: 'p50 ms', align: 'right', format: (cell) => fixed(cell.interactionLatencyMs.p50) },
];

function render<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string {
  return table([columns.map((column) => column.label), ...rows.map((row) => columns.map((c) => c.format(row)))], {
    columns: columns.map((column) => ({ alignment: column.align })),
    drawHorizontalLine: (index, count) => index === 0 || index === 1 || index === count,
  }).trimEnd();
}

const DIFFERENCE_LEGEND =
  'median: of the interactions, order-statistic CI; variant − action: 20% trimmed means of page-load medians, ' +
  "Yuen's CI (positive: the action was faster)";

/** One scenario's browser cells, the action first at each RTT, each route variant with its difference. */
function browserTable(results: Results, scenario: string): string {
  const b = results.browser!;
  const rows = b.cells
    .filter((cell) => cell.scenario === scenario)
    .sort((x, y) => x.chrome.localeCompare(y.chrome) || x.rttMs - y.rttMs || Number(x.variant !== 'action'))
    .map((cell) => ({
      cell,
      versusAction:
        b.comparisons.find(
          (c) =>
            c.scenario === scenario &&
            c.a === cell.variant &&
            c.b === 'action' &&
            c.rttMs === cell.rttMs &&
            c.chrome === cell.chrome,
        ) ?? null,
    }));
  const what = results.scenarios.find((s) => s.id === scenario)?.summary;
  return `${scenario}${what ? `: ${what}` : ''} (browser, click to the new value on screen)\n${render(BROWSER_COLUMNS, rows)}\n${DIFFERENCE_LEGEND}`;
}

function httpTable(results: Results, scenario: string): string {
  const cells = results
    .http!.cells.filter((cell) => cell.scenario === scenario)
    .sort(
      (x, y) =>
        x.encoding.localeCompare(y.encoding) ||
        x.connections - y.connections ||
        x.variant.localeCompare(y.variant) ||
        Number(x.twin) - Number(y.twin),
    );
  return `${scenario} under HTTP load (interactions per second: median over blocks)\n${render(HTTP_COLUMNS, cells)}`;
}

/** One line per claim: its id, verdict and the words that say which way or why not. */
export function claimLine(claim: Pick<Claim, 'id' | 'verdict' | 'qualifier' | 'summary'>): string {
  return clip(`${claim.id.padEnd(4)} ${claim.verdict.padEnd(12)} ${claim.qualifier ?? claim.summary}`);
}

/**
 * Pure: what the terminal shows at the end of a run, like hyperfine's and tachometer's summaries: a line per claim,
 * the bottom line, a table per scenario (each variant's median with its 95% CI and its difference from the action),
 * and the report's file:// link last.
 */
export function terminalSummary(results: Results, reportFile: string): string {
  const browserScenarios = [...new Set(results.browser?.cells.map((cell) => cell.scenario) ?? [])];
  const httpScenarios = [...new Set(results.http?.cells.map((cell) => cell.scenario) ?? [])];
  return [
    ...(results.app
      ? [
          `Claims: none judged; they are about the fixture's scenarios, not ${results.app.configFile}'s (run without --config for them).`,
        ]
      : ['Claims (verdict, and which way or why not):', ...results.claims.map(claimLine)]),
    '',
    'The bottom line:',
    ...bottomLine(results).map((sentence) => `- ${sentence.text}`),
    '',
    ...browserScenarios.flatMap((scenario) => [browserTable(results, scenario), '']),
    ...httpScenarios.flatMap((scenario) => [httpTable(results, scenario), '']),
    `Report: ${pathToFileURL(reportFile).href}`,
  ].join('\n');
}

/** What `--json` prints: results.json's summary, its numbers unrounded, and where the report is. */
export function jsonSummary(results: Results, reportFile: string) {
  return {
    runId: results.runId,
    complete: results.complete,
    failures: results.failures,
    report: pathToFileURL(reportFile).href,
    bottomLine: bottomLine(results),
    claims: results.claims.map(({ id, verdict, qualifier, summary }) => ({ id, verdict, qualifier, summary })),
    browser: (results.browser?.cells ?? []).map((cell) => ({
      scenario: cell.scenario,
      variant: cell.variant,
      rttMs: cell.rttMs,
      chrome: cell.chrome,
      n: cell.n,
      loads: cell.loads,
      medianMs: cell.medianMs,
      ci95: medianInterval(cell.samplesMs).ci95,
    })),
    comparisons: results.browser?.comparisons ?? [],
    http: (results.http?.cells ?? []).map((cell) => ({
      scenario: cell.scenario,
      variant: cell.variant,
      twin: cell.twin,
      connections: cell.connections,
      encoding: cell.encoding,
      interactionsPerSec: cell.interactionsPerSec,
      ci95: cell.interactionsPerSecCi.ci95,
    })),
    httpRatios: results.http?.ratios ?? [],
  };
}
