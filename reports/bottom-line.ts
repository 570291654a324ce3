import escapeHtml from 'escape-html';
import { aaWithinBand, HTTP_AA_BAND } from '../runner/analyse/claims/gating';
import { BROWSER_CROSS_SITE } from '../runner/analyse/claims/c05-csrf';
import { list } from '../runner/analyse/claims/words';
import { modalRoundTrips } from '../runner/analyse/claims/claims';
import type { Comparison, HttpResults, ProbeResults, Results } from '../runner/contract/results';

/** One plain sentence of a run's answer, with the anchor of the evidence it comes from. */
export interface BottomLineSentence {
  text: string;
  href: string;
}

const ACTION = 'action';
const fixed = (value: number) => Math.abs(value).toFixed(1);
const signed = (value: number) => `${value >= 0 ? '+' : '−'}${fixed(value)}`;
const percent = (ratio: number) => `${(ratio * 100).toFixed(0)}%`;

type Direction = 'action faster' | 'route faster' | 'no difference';

/** Which way a route-minus-action interval points: only an interval that leaves 0 out has a direction. */
export const directionOf = ([lo, hi]: readonly [number, number]): Direction =>
  lo > 0 ? 'action faster' : hi < 0 ? 'route faster' : 'no difference';

/**
 * A route variant against the action at each RTT, the direction said once when every RTT agrees: "the action was
 * faster than route-refresh by 68.9 ms (95% CI 65.5 to 72.3) at RTT 60 ms and by 130.7 ms (126.8 to 134.6) at RTT
 * 120 ms". Without a direction it quotes action − route with its sign.
 */
export function versusAction(
  variant: string,
  rows: readonly Pick<Comparison, 'rttMs' | 'diffMedianMs' | 'ci95'>[],
  where = '',
): string {
  const directions = new Set(rows.map((row) => directionOf(row.ci95)));
  if (directions.size > 1) return rows.map((row) => versusAction(variant, [row], where)).join('; ');
  const direction = [...directions][0];
  const at = (row: (typeof rows)[number], index: number) => {
    const [lo, hi] = row.ci95;
    const ci = (a: string, b: string) => `(${index === 0 ? '95% CI ' : ''}${a} to ${b})`;
    if (direction === 'action faster')
      return `by ${fixed(row.diffMedianMs)} ms ${ci(fixed(lo), fixed(hi))} at RTT ${row.rttMs} ms`;
    if (direction === 'route faster')
      return `by ${fixed(row.diffMedianMs)} ms ${ci(fixed(hi), fixed(lo))} at RTT ${row.rttMs} ms`;
    return `${signed(-row.diffMedianMs)} ms ${ci(signed(-hi), signed(-lo))} at RTT ${row.rttMs} ms`;
  };
  const parts = list(rows.map(at));
  const named = `${variant}${where ? ` (${where})` : ''}`;
  if (direction === 'action faster') return `the action was faster than ${named} ${parts}`;
  if (direction === 'route faster') return `${named} was faster than the action ${parts}`;
  return `${named} and the action showed no difference (action − ${variant}: ${parts})`;
}

interface Pair {
  scenario: string;
  variant: string;
  routeTrips: number;
  actionTrips: number;
  /** At every RTT above 0 (at 0 the link costs nothing), lowest first. */
  rows: Comparison[];
}

/** Each route variant against the action (Chrome as the accuracy reference runs it), with both arms' round trips. */
function pairsWithAction(results: Results): Pair[] {
  const b = results.browser;
  if (!b) return [];
  const cellOf = (c: Comparison, variant: string) =>
    b.cells.find(
      (x) => x.scenario === c.scenario && x.variant === variant && x.rttMs === c.rttMs && x.chrome === c.chrome,
    );
  const pairs = new Map<string, Pair>();
  for (const comparison of b.comparisons) {
    if (comparison.b !== ACTION || comparison.chrome !== 'no-defer' || comparison.rttMs === 0) continue;
    const route = cellOf(comparison, comparison.a);
    const action = cellOf(comparison, ACTION);
    if (!route || !action) continue;
    const key = `${comparison.scenario}/${comparison.a}`;
    const pair = pairs.get(key) ?? {
      scenario: comparison.scenario,
      variant: comparison.a,
      routeTrips: modalRoundTrips(route)?.count ?? route.expectedRoundTrips,
      actionTrips: modalRoundTrips(action)?.count ?? action.expectedRoundTrips,
      rows: [],
    };
    pair.rows.push(comparison);
    pairs.set(key, pair);
  }
  return [...pairs.values()].map((pair) => ({ ...pair, rows: pair.rows.sort((x, y) => x.rttMs - y.rttMs) }));
}

const roundTrips = (n: number) => `${n} round trip${n === 1 ? '' : 's'}`;
const whatUserDoes = (results: Results, scenario: string) =>
  results.scenarios.find((s) => s.id === scenario)?.summary ?? scenario;

/** The variant that makes more round trips than the action and costs it most at the highest RTT. */
function roundTripSaved(results: Results): BottomLineSentence | null {
  const pairs = pairsWithAction(results).filter((pair) => pair.routeTrips > pair.actionTrips);
  const atTop = (pair: Pair) => pair.rows.at(-1)!.diffMedianMs;
  const chosen = [...pairs].sort((x, y) => atTop(y) - atTop(x))[0];
  if (!chosen) return null;
  const others = pairs.filter((pair) => pair !== chosen).map((pair) => `${pair.variant} (${pair.scenario})`);
  const named =
    others.length > NAMED_PAIRS ? [...others.slice(0, NAMED_PAIRS), `${others.length - NAMED_PAIRS} more`] : others;
  return {
    text: `To ${whatUserDoes(results, chosen.scenario)}, the action made ${roundTrips(chosen.actionTrips)} where ${chosen.variant} made ${chosen.routeTrips}: ${versusAction(chosen.variant, chosen.rows)}${named.length ? `; ${list(named)} also made more round trips than the action` : ''}.`,
    href: '#claim-C2',
  };
}

/** A sentence names at most this many pairs; beyond it, it counts them by direction. */
const NAMED_PAIRS = 3;

/** Variants that make as many round trips as the action: what the transport itself costs. */
function sameRoundTrips(results: Results): BottomLineSentence | null {
  const pairs = pairsWithAction(results).filter((pair) => pair.routeTrips === pair.actionTrips);
  if (!pairs.length) return null;
  if (pairs.length <= NAMED_PAIRS)
    return {
      text: `With as many round trips as the action: ${pairs.map((pair) => versusAction(pair.variant, pair.rows, pair.scenario)).join('; ')}.`,
      href: '#claim-C3',
    };
  const atTop = pairs.map((pair) => directionOf(pair.rows.at(-1)!.ci95));
  const count = (direction: Direction) => atTop.filter((d) => d === direction).length;
  return {
    text: `Of ${pairs.length} route variants that make as many round trips as the action, at each one's highest RTT ${count('route faster')} were faster than the action, ${count('action faster')} slower and ${count('no difference')} not shown different.`,
    href: '#claim-C3',
  };
}

/** The action's load throughput as a share of each route's, per encoding. */
function underLoad(http: HttpResults | undefined): BottomLineSentence | null {
  const ratios = (http?.ratios ?? []).filter(
    (ratio) => ratio.kind === 'comparison' && ratio.measure === 'interactionsPerSec' && ratio.a === ACTION,
  );
  if (!ratios.length) return null;
  const groups = [...new Set(ratios.map((r) => `${r.scenario}|${r.b}|${r.connections}`))].map((key) => {
    const [scenario, route, connections] = key.split('|');
    const own = ratios.filter((r) => `${r.scenario}|${r.b}|${r.connections}` === key);
    const encodings = own.map(
      (r) =>
        `${percent(r.estimate)} ${r.encoding === 'gzip' ? 'with gzip' : 'without compression'} (95% CI ${percent(r.ci95[0])} to ${percent(r.ci95[1])})`,
    );
    return `${list(encodings)} of ${route}'s interactions per second in ${scenario} at ${connections} connections`;
  });
  // The load's A/A twin shows whether a ratio this size is the server's noise: say so where it was not shown small.
  const controls = (http?.ratios ?? []).filter((r) => r.kind === 'aa' && r.measure === 'interactionsPerSec');
  const unsteady = controls.filter((r) => !aaWithinBand(r)).map((r) => r.encoding);
  const caveat = unsteady.length
    ? ` The load's A/A control was not shown within ±${HTTP_AA_BAND * 100}% (${list([...new Set(unsteady)])}), so these ratios decide no claim.`
    : '';
  return { text: `Under HTTP load the action served ${list(groups)}.${caveat}`, href: '#claim-C4a' };
}

/** What each transport did with requests a browser could be tricked into sending cross-site. */
function crossSite(probes: ProbeResults | undefined): BottomLineSentence | null {
  const rows = (probes?.csrf ?? []).filter((row) => BROWSER_CROSS_SITE.has(row.origin));
  if (!rows.length) return null;
  const saved = (own: typeof rows) => own.filter((row) => row.persisted).length;
  const actions = rows.filter((row) => row.transport === ACTION);
  const routes = [...new Set(rows.filter((row) => row.transport !== ACTION).map((row) => row.path))].map((path) => {
    const own = rows.filter((row) => row.transport !== ACTION && row.path === path);
    return `the Route Handler ${path} saved ${saved(own)} of ${own.length}`;
  });
  const shapes = list([
    ...new Set(rows.map((row) => (row.origin === 'cross-site form' ? 'a cross-site form' : `Origin: ${row.origin}`))),
  ]);
  return {
    text: `Of the requests a page elsewhere could send (${shapes}), actions saved ${saved(actions)} of ${actions.length}${routes.length ? `; ${list(routes)}` : ''}.`,
    href: '#claim-C5',
  };
}

/** How the claims came out, and why the undecided did not decide. */
function tally(results: Results): BottomLineSentence | null {
  if (!results.claims.length) return null;
  const having = (verdict: string) => results.claims.filter((claim) => claim.verdict === verdict);
  // A refutation or a dependence reads backwards without its words ("refuted: actions cut more code than claimed").
  const named = (verdict: string) => {
    const claims = having(verdict);
    const words = claims.filter((claim) => claim.qualifier).map((claim) => `${claim.id}: ${claim.qualifier}`);
    return claims.length && words.length && words.join('; ').length <= QUALIFIERS_NAMED_UP_TO
      ? ` (${words.join('; ')})`
      : '';
  };
  const decided = [
    [having('supported').length, 'supported', ''],
    [having('refuted').length, 'refuted', named('refuted')],
    [having('depends').length, 'found to depend on the conditions', named('depends')],
  ] as const;
  const open = [
    [having('inconclusive').length, "inconclusive at this run's precision", ''],
    [having('not-measured').length, 'not measured by this run (its profile or suites leave them out)', ''],
  ] as const;
  const words = (parts: readonly (readonly [number, string, string])[]) =>
    list(parts.filter(([n]) => n > 0).map(([n, word, why]) => `${n} ${word}${why}`));
  return {
    text: `Of ${results.claims.length} published claims this run ${words(decided) ? `judged ${words(decided)}` : 'judged none'}${words(open) ? `; ${words(open)}` : ''}.`,
    href: '#verdicts',
  };
}

/** A tally names the refuted and dependent claims' words while they stay this short. */
const QUALIFIERS_NAMED_UP_TO = 160;

/**
 * Pure: a run's answer in 4 to 6 plain sentences with its own numbers and CIs, each linked to its evidence: the
 * round trip an action saves, what equal work costs each way, load throughput, cross-site requests, the verdicts.
 * Sentences whose data the run did not measure are left out.
 */
export function bottomLine(results: Results): BottomLineSentence[] {
  if (results.app) return appBottomLine(results);
  return [
    roundTripSaved(results),
    sameRoundTrips(results),
    underLoad(results.http),
    crossSite(results.probes),
    tally(results),
  ].filter((sentence): sentence is BottomLineSentence => sentence !== null);
}

/**
 * A user's app (--config): per scenario, each variant against its baseline at every RTT, in the direction its
 * interval shows ("route was slower than action by 3.1 ms (95% CI 1.0 to 5.2) at RTT 0 ms"), from the accuracy mode.
 */
function appBottomLine(results: Results): BottomLineSentence[] {
  const comparisons = (results.browser?.comparisons ?? []).filter((row) => row.chrome === 'no-defer');
  return [...new Set(comparisons.map((row) => `${row.scenario}\0${row.a}\0${row.b}`))].map((key) => {
    const [scenario, variant, baseline] = key.split('\0') as [string, string, string];
    const rows = comparisons
      .filter((row) => row.scenario === scenario && row.a === variant && row.b === baseline)
      .sort((x, y) => x.rttMs - y.rttMs);
    // diffMedianMs and its interval are variant − baseline: positive, the variant was slower.
    const at = (row: Comparison, index: number) => {
      const [lo, hi] = row.ci95;
      const ci = (a: string, b: string) => `(${index === 0 ? '95% CI ' : ''}${a} to ${b} ms)`;
      const direction = directionOf(row.ci95);
      const words =
        direction === 'action faster'
          ? `slower by ${fixed(row.diffMedianMs)} ms ${ci(fixed(lo), fixed(hi))}`
          : direction === 'route faster'
            ? `faster by ${fixed(row.diffMedianMs)} ms ${ci(fixed(hi), fixed(lo))}`
            : `no different, ${signed(row.diffMedianMs)} ms ${ci(signed(lo), signed(hi))}`;
      return `${words} at RTT ${row.rttMs} ms`;
    };
    const loadsOf = ({ loads: [a, b] }: Comparison) => (a === b ? `${a}` : `${a}/${b}`);
    const loads = new Set(rows.map(loadsOf));
    return {
      text: `${scenario}: ${variant} against ${baseline} was ${list(rows.map(at))}; ${loads.size === 1 ? [...loads][0] : `${list(rows.map(loadsOf))} (by RTT)`} page loads per arm.`,
      href: `#scenario-${scenario}`,
    };
  });
}

/** The report's first section: the bottom line as a list, each sentence linking to its evidence below. */
export function bottomLineSection(results: Results): string {
  const sentences = bottomLine(results);
  if (!sentences.length) return '';
  return `<section id="bottom-line" class="bottom-line"><h2>The bottom line</h2>
<ul>${sentences.map((s) => `<li>${escapeHtml(s.text)} <a href="${escapeHtml(s.href)}">evidence</a></li>`).join('')}</ul>
<p><small>Numbers from this run: browser differences are 20% trimmed means of page-load medians with Yuen's 95% CIs; load ratios are geometric means over blocks. ${results.app ? `The published claims are about the fixture's scenarios, not judged on ${escapeHtml(results.app.configFile)}'s (run without --config for them).` : 'The verdicts on each published claim follow.'}</small></p></section>`;
}
