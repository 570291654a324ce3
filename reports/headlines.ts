import { C4_BAND } from '../runner/claims/claims';
import { C9_BAND } from '../runner/claims/probe-claims';
import { FRAME_MS } from '../runner/claims/scenario-claims';
import { ACCURACY_TOLERANCE_MS } from '../runner/stats/summarize';
import type { Claim } from '../runner/results/schema';
import { list } from './words';

/**
 * One claim's answer in plain words, with its numbers and conditions, for the report's first screen. Read from the
 * claim's evidence rows (the shapes runner/claims writes), never from numbers the run does not hold.
 */
export function headline(claim: Claim): string {
  if (claim.verdict === 'not-measured' || claim.evidence.length === 0) return notMeasured(claim.summary);
  // A claim this module has no words for yet (or rows it cannot read) still answers: with its own summary.
  const finding = FINDINGS[claim.id]?.(claim.evidence) ?? claim.summary;
  return claim.verdict === 'inconclusive' ? `Inconclusive: ${lowerFirst(finding)}` : finding;
}

type Row = Record<string, unknown>;
type Interval = [number, number];
type RowVerdict = Claim['verdict'];
/** Set when a gate held the row back (runner/claims/gating.ts): the row then decides nothing. */
type Gated = { reason?: string };

/** The evidence rows holding every one of `keys`, read as the shape the claim's evaluator wrote. */
function rowsOf<T>(evidence: readonly Row[], keys: readonly (keyof T & string)[]): T[] {
  return evidence.filter((row) => keys.every((key) => row[key] !== undefined)).map((row) => row as unknown as T);
}

/** Lower-cases a sentence's first word to follow a colon, unless it is a name ("JavaScript", "GET"). */
const lowerFirst = (text: string) =>
  /^[A-Z][a-z]*(?![A-Za-z])/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
const fixed = (value: number, digits = 1) => value.toFixed(digits).replace(/^-/, '−');
const ms = (value: number) => `${fixed(value)} ms`;
const ci = ([lo, hi]: Interval, digits = 1, unit = ' ms') =>
  `95% CI ${fixed(lo, digits)} to ${fixed(hi, digits)}${unit}`;
const percent = (share: number) => `${(share * 100).toFixed(0)}%`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (count: number) => `${(count / 1e6).toFixed(1)} MB`;
const count = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));
/** Route minus action: positive means the action was faster. */
const faster = (diffMs: number) => `${ms(Math.abs(diffMs))} ${diffMs >= 0 ? 'faster' : 'slower'}`;
const ratioChange = (ratio: number) => `${percent(Math.abs(ratio - 1))} ${ratio < 1 ? 'lower' : 'higher'}`;
const encodingWords = (encoding: string) => (encoding === 'gzip' ? "with the browser's gzip" : 'without compression');

function notMeasured(summary: string): string {
  const reason = summary.replaceAll('`', '');
  return reason.startsWith('Not measured') ? reason : `Not measured in this run: ${lowerFirst(reason)}`;
}

/** " N of M rows held back by rule: reasons." or nothing. */
function heldBack(rows: readonly Gated[]): string {
  const reasons = rows.flatMap((row) => (typeof row.reason === 'string' ? [row.reason] : []));
  return reasons.length
    ? ` ${reasons.length} of ${rows.length} ${rows.length === 1 ? 'row' : 'rows'} held back by rule: ${[...new Set(reasons)].join('; ')}.`
    : '';
}

interface C4Row extends Gated {
  estimate: number;
  ci95: Interval;
  connections: number;
  encoding: string;
  verdict: RowVerdict;
}

function c4a(evidence: readonly Row[]): string | null {
  const rows = rowsOf<C4Row & { upperBound95: number }>(evidence, [
    'estimate',
    'connections',
    'encoding',
    'upperBound95',
    'verdict',
  ]);
  if (!rows.length) return null;
  const conclusion = (row: C4Row) =>
    row.reason !== undefined
      ? 'held back'
      : row.verdict === 'supported'
        ? 'not faster'
        : row.verdict === 'refuted'
          ? 'faster'
          : 'undecided (the bound reaches 1)';
  const phrases = rows.map(
    (row) =>
      `${encodingWords(row.encoding)} at ${row.connections} connections the action's throughput is ${ratioChange(row.estimate)} than the route's (action / route ${fixed(row.estimate, 2)}, one-sided 95% upper bound ${fixed(row.upperBound95, 2)}): ${conclusion(row)}`,
  );
  return `Under load on the counter, ${phrases.join('; ')}.${heldBack(rows)}`;
}

function c4b(evidence: readonly Row[]): string | null {
  const rows = rowsOf<C4Row & { ci90: Interval }>(evidence, ['estimate', 'connections', 'encoding', 'ci90', 'verdict']);
  if (!rows.length) return null;
  const band = `±${percent(C4_BAND)}`;
  const conclusion = (row: C4Row) =>
    row.reason !== undefined
      ? 'held back'
      : row.verdict === 'supported'
        ? `within ${band}`
        : row.verdict === 'refuted'
          ? `outside ${band}`
          : `undecided (the 90% CI crosses ${band})`;
  const phrases = rows.map(
    (row) =>
      `${fixed(row.estimate, 2)} (90% CI ${fixed(row.ci90[0], 2)} to ${fixed(row.ci90[1], 2)}) ${encodingWords(row.encoding)} at ${row.connections} connections: ${conclusion(row)}`,
  );
  return `Under load on the counter, action / route throughput is ${phrases.join('; ')}.${heldBack(rows)}`;
}

interface CsrfRow {
  transport: string;
  path: string;
  origin: string;
  status: number | null;
  persisted: boolean;
  verdict: RowVerdict;
}

const ORIGIN_WORDS: Record<string, string> = {
  foreign: 'a request with a foreign Origin',
  null: 'a request with Origin: null',
  none: 'a request with no Origin',
  'cross-site form': 'a real cross-site form',
};
const statusWords = (statuses: readonly (number | null)[]) =>
  list([...new Set(statuses.map((status) => (status === null ? 'no answer' : String(status))))]);

function c5(evidence: readonly Row[]): string | null {
  const rows = rowsOf<CsrfRow>(evidence, ['transport', 'path', 'origin', 'persisted', 'verdict']);
  // A request with no Origin is no browser's cross-site POST: shown in the evidence, not judged.
  const crossSite = rows.filter((row) => row.transport === 'action' && row.origin !== 'none');
  if (!crossSite.length) return null;
  const accepted = crossSite.filter((row) => row.persisted);
  const unproven = crossSite.filter((row) => !row.persisted && row.verdict === 'inconclusive');
  const action = accepted.length
    ? `The action accepted and persisted ${list(accepted.map((row) => `${ORIGIN_WORDS[row.origin] ?? row.origin} (status ${statusWords([row.status])})`))}.`
    : `The action rejected ${list(crossSite.map((row) => ORIGIN_WORDS[row.origin] ?? row.origin))} with nothing persisted (status ${statusWords(crossSite.map((row) => row.status))}).`;
  const unprovenNote = unproven.length
    ? ' The same form from its own origin did not work either, so refusing it proves nothing.'
    : '';
  const routePaths = [...new Set(rows.filter((row) => row.transport === 'route').map((row) => row.path))];
  const routes = routePaths.length
    ? ` For comparison, Route Handlers persisted ${list(
        routePaths.map((path) => {
          const own = rows.filter((row) => row.transport === 'route' && row.path === path);
          return `${own.filter((row) => row.persisted).length} of ${own.length} of the same requests at ${path}`;
        }),
      )}.`
    : '';
  return `${action}${unprovenNote}${routes}`;
}

interface NoJsRow {
  status: number | null;
  countBefore: string | null;
  countAfter: string | null;
  persisted: boolean;
  shown: boolean;
}

function c6(evidence: readonly Row[]): string | null {
  const row = rowsOf<NoJsRow>(evidence, ['status', 'countBefore', 'countAfter', 'persisted', 'shown'])[0];
  if (!row) return null;
  return `With JavaScript disabled, the form bound to an action answered ${row.status ?? 'nothing'}, the mutation ${row.persisted ? 'persisted' : 'did not persist'}, and the page it answered with showed ${
    row.countAfter ?? 'nothing'
  } (before: ${row.countBefore ?? 'nothing'})${row.shown ? '' : ', not the new count'}.`;
}

interface CachingRow {
  status: number;
  cacheControl: string | null;
  method?: string;
  route?: string;
  freshAfterMutation?: boolean;
}

function c7(evidence: readonly Row[]): string | null {
  const rows = rowsOf<CachingRow>(evidence, ['status', 'cacheControl']);
  const action = rows.find((row) => row.method === 'POST');
  if (!action) return null;
  const [plain, optIn] = (['default', 'opt-in'] as const).map((route) => rows.find((row) => row.route === route));
  const header = (value: string | null) => (value === null ? 'no Cache-Control header' : `Cache-Control: ${value}`);
  const read = (row: CachingRow) => (row.freshAfterMutation ? 'fresh' : 'stale');
  const route = plain
    ? `; a default GET Route Handler read right after a mutation was ${read(plain)}, with ${header(plain.cacheControl)}`
    : '; no default GET Route Handler was read';
  const control = !optIn
    ? ', and with no control route read, freshness proves nothing'
    : optIn.freshAfterMutation
      ? ', but the control route that opts into caching read fresh too, so freshness proves nothing'
      : ', while the control route that opts into caching read stale';
  return `The action's POST answered ${action.status} with ${header(action.cacheControl)}${route}${control}.`;
}

interface PublicActionRow {
  action: string;
  importedByClient: boolean;
  inBuild: boolean;
  status: number | null;
  persisted: boolean;
}
interface ActionIdRow {
  build: string;
  actions: number;
  sameAsMeasured: number;
}

function c8(evidence: readonly Row[]): string | null {
  const callable = rowsOf<PublicActionRow>(evidence, ['action', 'importedByClient', 'inBuild', 'persisted']);
  if (!callable.length) return null;
  const ids = rowsOf<ActionIdRow>(evidence, ['build', 'actions', 'sameAsMeasured']);
  const persisted = callable.filter((row) => row.persisted);
  const unimported = persisted.filter((row) => !row.importedByClient);
  const failed = callable.filter((row) => !row.persisted);
  const describe = (row: PublicActionRow) =>
    `${row.action} (${row.importedByClient ? '' : 'imported by no client, '}${row.inBuild ? `answered ${row.status ?? 'nothing'}` : 'not in the build'})`;
  const stable = ids.length
    ? `Rebuilt from the same sources: ${ids.map((row) => `${row.build}, ${row.sameAsMeasured} of ${row.actions} ids unchanged`).join('; ')}.`
    : 'Whether ids stay the same across builds was not measured (run with --build-probes).';
  return `Called from a plain HTTP client with only its id, ${persisted.length} of ${callable.length} actions persisted their mutation${
    unimported.length ? `, including ${list(unimported.map((row) => row.action))}, which no client imports` : ''
  }${failed.length ? `; not callable: ${list(failed.map(describe))}` : ''}. ${stable}`;
}

interface LinesRow {
  scenario: string;
  variant: string;
  routeLines: number;
  actionLines: number;
  reduction: number;
  verdict: RowVerdict;
}

function c9(evidence: readonly Row[]): string | null {
  const rows = rowsOf<LinesRow>(evidence, ['scenario', 'variant', 'routeLines', 'actionLines', 'reduction', 'verdict']);
  if (!rows.length) return null;
  const change = (row: LinesRow) => `${percent(Math.abs(row.reduction))} ${row.reduction >= 0 ? 'less' : 'more'}`;
  return `Each variant's own code, route → action: ${list(rows.map((row) => `${row.scenario} ${row.variant} ${row.routeLines} → ${row.actionLines} lines (${change(row)})`))}. The claimed ${percent(C9_BAND[0])}–${percent(
    C9_BAND[1],
  )} less holds for ${rows.filter((row) => row.verdict === 'supported').length} of ${rows.length}.`;
}

interface ClientJsRow {
  scenario: string;
  variant: string;
  routeGzipBytes: number;
  actionGzipBytes: number;
  differenceBytes: number;
  verdict: RowVerdict;
}

function c10(evidence: readonly Row[]): string | null {
  const rows = rowsOf<ClientJsRow>(evidence, [
    'scenario',
    'variant',
    'routeGzipBytes',
    'actionGzipBytes',
    'differenceBytes',
    'verdict',
  ]);
  if (!rows.length) return null;
  const difference = (row: ClientJsRow) =>
    `${row.differenceBytes >= 0 ? '+' : '−'}${kb(Math.abs(row.differenceBytes))}`;
  return `JavaScript a fresh page load fetches, gzip: ${list(rows.map((row) => `${row.scenario} action ${kb(row.actionGzipBytes)} vs ${row.variant} ${kb(row.routeGzipBytes)} (${difference(row)})`))}. The action page loads no more in ${
    rows.filter((row) => row.verdict === 'supported').length
  } of ${rows.length}.`;
}

interface MiddlewareRow {
  request: string;
  method: string;
  path: string;
  proxySaw: string | null;
}

function c12(evidence: readonly Row[]): string | null {
  const rows = rowsOf<MiddlewareRow>(evidence, ['request', 'method', 'path', 'proxySaw']);
  if (!rows.length) return null;
  const describe = (row: MiddlewareRow) =>
    `the ${row.request} (${row.request === 'unmatched page' ? 'the control, ' : ''}${row.method} ${row.path})`;
  const seen = rows.filter((row) => row.proxySaw !== null);
  const unseen = rows.filter((row) => row.proxySaw === null);
  const controlSeen = seen.some((row) => row.request === 'unmatched page');
  return `The fixture's middleware saw ${seen.length ? list(seen.map(describe)) : 'no request'}${unseen.length ? `, not ${list(unseen.map(describe))}` : ''}${
    controlSeen ? '; it should not see the control, so the marks prove nothing' : ''
  }.`;
}

interface SecretScanRow {
  bytes: number;
  containing: string[];
  files?: number;
  responses?: number;
}

function c13(evidence: readonly Row[]): string | null {
  const scans = rowsOf<SecretScanRow>(evidence, ['bytes', 'containing']);
  const client = scans.find((row) => row.files !== undefined);
  const browser = scans.find((row) => row.responses !== undefined);
  const used = rowsOf<{ action: boolean; route: boolean; actionResponseScanned: boolean }>(evidence, [
    'action',
    'route',
    'actionResponseScanned',
  ])[0];
  const build = rowsOf<{ buildFailed: boolean }>(evidence, ['buildFailed'])[0];
  if (!client || !browser || !used) return null;
  const found = (row: SecretScanRow, total: number, what: string) =>
    `${row.containing.length ? `${row.containing.length} (${list(row.containing)})` : 'none'} of ${total} ${what} (${mb(row.bytes)})`;
  const usedBy =
    used.action && used.route
      ? 'used by both the action and the Route Handler'
      : 'which the server did not use (so its absence proves nothing)';
  const guard = build
    ? ` Imported into a client component by mistake, the build ${build.buildFailed ? 'failed' : 'succeeded'}.`
    : '';
  return `The server-only secret, ${usedBy}, was in ${found(client, client.files!, 'client build files')} and in ${found(browser, browser.responses!, 'responses the browser loaded')}.${guard}`;
}

interface C11Row extends Gated {
  measure: string;
  rttMs: number;
  action?: number;
  route?: number | null;
  diffMs?: number;
  ci95?: Interval;
  verdict: RowVerdict;
}

function c11(evidence: readonly Row[]): string | null {
  const rows = rowsOf<C11Row>(evidence, ['measure', 'rttMs', 'verdict']);
  const chains = rows.filter((row) => row.action !== undefined);
  const times = rows.filter((row) => row.diffMs !== undefined && row.ci95 !== undefined && row.reason === undefined);
  if (!chains.length) return null;
  const chain = `formed a chain of ${list(chains.map((row) => `${count(row.action!)} ${row.action === 1 ? 'request' : 'requests'} at RTT ${row.rttMs} ms`))}`;
  const fetches = chains.every((row) => row.route !== null && row.route !== undefined)
    ? ` (five fetches to a Route Handler: ${list(chains.map((row) => count(row.route!)))})`
    : '';
  const timed = times.length
    ? `; until all five showed, the action was ${list(times.map((row) => `${faster(row.diffMs!)} at RTT ${row.rttMs} ms (${ci(row.ci95!)})`))}`
    : '';
  return `Started together with Promise.all in the browser, five actions ${chain}${fetches}${timed}. Inside one action, Promise.all runs on the server like any JavaScript; the chain is Next's client sending one action at a time.${heldBack(rows.filter((row) => row.diffMs !== undefined))}`;
}

interface C14Row extends Gated {
  metric: 'paint' | 'rise';
  variant: string;
  rttMs: number;
  ms: number;
  ci95: Interval;
  role: string;
  verdict: RowVerdict;
}

function c14(evidence: readonly Row[]): string | null {
  const rows = rowsOf<C14Row>(evidence, ['metric', 'variant', 'rttMs', 'ms', 'ci95', 'role']);
  const decisive = rows.filter((row) => row.role === 'verdict');
  const paints = decisive.filter((row) => row.metric === 'paint');
  const rises = decisive.filter((row) => row.metric === 'rise');
  if (!paints.length) return null;
  const at = (row: C14Row) => `${ms(row.ms)} at RTT ${row.rttMs} ms (${ci(row.ci95)})`;
  const risen = rises.length
    ? ` From RTT 0 it rose by ${list(rises.map(at))}, against ±${ACCURACY_TOLERANCE_MS} ms for "independent of RTT".`
    : '';
  const byHand = rows.filter((row) => row.variant === 'route' && row.metric === 'paint');
  const route = byHand.length
    ? ` Set by hand before a fetch, the route's optimistic state painted in ${list(byHand.map((row) => `${ms(row.ms)} at RTT ${row.rttMs} ms`))}.`
    : '';
  return `With useOptimistic and the action, the toggled like painted ${list(paints.map(at))} after the click was handled, against one frame (${FRAME_MS.toFixed(1)} ms).${risen}${route}${heldBack(decisive)}`;
}

interface C15Row extends Gated {
  measure: string;
  diff?: number;
  unit?: string;
  ci95?: Interval;
  action?: string;
  route?: string;
  verdict: RowVerdict;
}

function c15(evidence: readonly Row[]): string | null {
  const rows = rowsOf<C15Row>(evidence, ['measure', 'verdict']);
  if (!rows.length) return null;
  const value = (row: C15Row) =>
    row.diff !== undefined && row.ci95 && row.unit
      ? `${fixed(row.diff)} ${row.unit} (${ci(row.ci95, 1, ` ${row.unit}`)})`
      : `action ${row.action}, route ${row.route}`;
  const label = (row: C15Row) => row.measure.replace(', route minus action', '');
  const phrase = (row: C15Row) => `${label(row)}: ${value(row)}`;
  const decided = (verdict: RowVerdict) => rows.filter((row) => row.reason === undefined && row.verdict === verdict);
  const [better, worse, same] = [decided('supported'), decided('refuted'), decided('inconclusive')];
  const parts = [
    ...(better.length ? [`better beyond noise in ${list(better.map(phrase))}`] : []),
    ...(worse.length ? [`worse beyond noise in ${list(worse.map(phrase))}`] : []),
    ...(same.length ? [`no different beyond noise in ${list(same.map(label))}`] : []),
  ];
  return `Route minus action on a 21 MB CSV export and uploads up to 2 MB: the Route Handler is ${parts.join('; ') || 'held back in every row'}.${heldBack(rows)}`;
}

/** The headline writers, by claim id; a claim missing here answers with its summary (see headline). */
export const FINDINGS: Readonly<Record<string, (evidence: readonly Row[]) => string | null>> = {
  C4a: c4a,
  C4b: c4b,
  C5: c5,
  C6: c6,
  C7: c7,
  C8: c8,
  C9: c9,
  C10: c10,
  C11: c11,
  C12: c12,
  C13: c13,
  C14: c14,
  C15: c15,
};
