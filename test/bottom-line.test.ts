import { describe, expect, it } from 'vitest';
import { bottomLine, directionOf, versusAction } from '../reports/bottom-line';
import type { HttpRatio, ProbeResults, Results } from '../runner/contract/results';
import { syntheticResults } from './results-fixture';

const row = (rttMs: number, diffMedianMs: number, ci95: [number, number]) => ({ rttMs, diffMedianMs, ci95 });

describe('the bottom line', () => {
  // Known structure: every variant costs 10 + round trips x (RTT + 5) ms; action 1 round trip, route-refresh 2.
  const results = syntheticResults();
  const sentences = bottomLine(results);

  it("says the round trip an action saves with the run's own difference and CI, at RTTs above 0 only", () => {
    const saved = sentences.find((s) => s.href === '#claim-C2')!;
    const refresh = results.browser!.comparisons.find((c) => c.a === 'route-refresh' && c.rttMs === 60)!;
    const query = results.browser!.comparisons.find((c) => c.a === 'route-query' && c.rttMs === 60)!;
    // The variant that costs the action most at the highest RTT is named; the other one with more round trips too.
    const [chosen, other] = refresh.diffMedianMs > query.diffMedianMs ? [refresh, query] : [query, refresh];
    expect(chosen.ci95[0]).toBeGreaterThan(60);
    expect(saved.text).toBe(
      `To add an item to a list rendered by a Server Component, the action made 1 round trip where ${chosen.a} made 2: ` +
        `the action was faster than ${chosen.a} by ${chosen.diffMedianMs.toFixed(1)} ms (95% CI ${chosen.ci95[0].toFixed(1)} to ${chosen.ci95[1].toFixed(1)}) at RTT 60 ms; ` +
        `${other.a} (revalidate) also made more round trips than the action.`,
    );
    expect(saved.text).not.toMatch(/RTT 0 ms/);
  });

  it('says what equal round trips cost, in the direction the CI shows', () => {
    const same = sentences.find((s) => s.href === '#claim-C3')!;
    const json = results.browser!.comparisons.find((c) => c.a === 'route-json' && c.rttMs === 60)!;
    expect(same.text.startsWith('With as many round trips as the action: ')).toBe(true);
    expect(same.text).toContain(versusAction('route-json', [json], 'revalidate'));
  });

  it("leaves out what the run did not measure, and counts the claims' verdicts", () => {
    expect(sentences.map((s) => s.href)).toEqual(['#claim-C2', '#claim-C3', '#verdicts']);
    const count = (verdict: string) => results.claims.filter((c) => c.verdict === verdict).length;
    expect(sentences.at(-1)!.text).toContain(`Of ${results.claims.length} published claims`);
    expect(sentences.at(-1)!.text).toContain(`${count('not-measured')} not measured`);
    const bare = bottomLine({ ...results, browser: undefined, claims: [] } as Results);
    expect(bare).toEqual([]);
  });

  it("names a refutation's words in the tally, so that it does not read backwards", () => {
    const claims = results.claims.map((claim) =>
      claim.id === 'C9'
        ? { ...claim, verdict: 'refuted' as const, qualifier: 'actions cut more code than claimed' }
        : claim,
    );
    const tallied = bottomLine({ ...results, claims }).at(-1)!.text;
    expect(tallied).toContain('1 refuted (C9: actions cut more code than claimed)');
  });

  it('gives load throughput as a share of the route with its CI, per encoding', () => {
    const ratio = (encoding: string, estimate: number, ci95: [number, number]): HttpRatio =>
      ({
        scenario: 'counter',
        connections: 10,
        encoding,
        a: 'action',
        b: 'route',
        kind: 'comparison',
        measure: 'interactionsPerSec',
        estimate,
        ci95,
        ci90: ci95,
        repeats: 4,
      }) as HttpRatio;
    const aa = (ci90: [number, number]) =>
      ({ ...ratio('gzip', 1.01, ci90), ci90, kind: 'aa', a: 'action#aa', b: 'action' }) as HttpRatio;
    const loadSentence = (control: HttpRatio) =>
      bottomLine({
        ...results,
        http: { ratios: [ratio('gzip', 0.692, [0.589, 0.814]), ratio('identity', 0.95, [0.81, 1.12]), control] },
      } as unknown as Results).find((s) => s.href === '#claim-C4a')!.text;
    const measured =
      "Under HTTP load the action served 69% with gzip (95% CI 59% to 81%) and 95% without compression (95% CI 81% to 112%) of route's interactions per second in counter at 10 connections.";
    expect(loadSentence(aa([0.97, 1.04]))).toBe(measured);
    // An A/A control not shown within ±5% says the ratios decide nothing.
    expect(loadSentence(aa([0.9, 1.1]))).toBe(
      `${measured} The load's A/A control was not shown within ±5% (gzip), so these ratios decide no claim.`,
    );
  });

  it('counts the cross-site requests each transport saved', () => {
    const csrf = [
      ['action', '/counter/action', 'foreign', false],
      ['action', '/counter/action', 'none', true],
      ['route', '/api/counter', 'foreign', true],
      ['route', '/api/counter', 'cross-site form', true],
      ['action', '/probe/csrf', 'cross-site form', false],
    ].map(([transport, path, origin, persisted]) => ({ transport, path, origin, persisted, status: 200 }));
    const probes = { csrf } as unknown as ProbeResults;
    const cross = bottomLine({ ...results, probes }).find((s) => s.href === '#claim-C5')!;
    // A request with no Origin is no browser's cross-site request: not counted.
    expect(cross.text).toBe(
      'Of the requests a page elsewhere could send (Origin: foreign and a cross-site form), actions saved 0 of 2; the Route Handler /api/counter saved 2 of 2.',
    );
  });
});

describe('a route variant against the action in words', () => {
  it('reads the direction from the interval, never from the estimate alone', () => {
    expect(directionOf([0.1, 5])).toBe('action faster');
    expect(directionOf([-5, -0.1])).toBe('route faster');
    expect(directionOf([-0.1, 5])).toBe('no difference');
  });

  it('says the direction once when every RTT agrees, and quotes action − route with its sign when none shows', () => {
    expect(versusAction('route-refresh', [row(60, 68.94, [65.5, 72.3]), row(120, 130.7, [126.8, 134.6])])).toBe(
      'the action was faster than route-refresh by 68.9 ms (95% CI 65.5 to 72.3) at RTT 60 ms and by 130.7 ms (126.8 to 134.6) at RTT 120 ms',
    );
    expect(versusAction('route-json', [row(60, -12.8, [-15.5, -10.2])], 'revalidate')).toBe(
      'route-json (revalidate) was faster than the action by 12.8 ms (95% CI 10.2 to 15.5) at RTT 60 ms',
    );
    expect(versusAction('route', [row(60, -3.3, [-8, 1.3])])).toBe(
      'route and the action showed no difference (action − route: +3.3 ms (95% CI −1.3 to +8.0) at RTT 60 ms)',
    );
  });

  it('splits per RTT when the directions differ', () => {
    expect(versusAction('route', [row(60, 4, [1, 7]), row(120, -1, [-3, 1])])).toBe(
      'the action was faster than route by 4.0 ms (95% CI 1.0 to 7.0) at RTT 60 ms; route and the action showed no difference (action − route: +1.0 ms (95% CI −1.0 to +3.0) at RTT 120 ms)',
    );
  });

  it('counts pairs by direction instead of naming more than three', () => {
    const browser = structuredClone(syntheticResults().browser!);
    // Four more scenarios whose route variant makes the action's one round trip.
    for (const scenario of ['a', 'b', 'c', 'd']) {
      const base = browser.cells.filter((c) => c.variant === 'action' || c.variant === 'route-json');
      for (const cell of base)
        browser.cells.push({ ...cell, scenario, variant: cell.variant === 'action' ? 'action' : 'route' });
      for (const c of browser.comparisons.filter((c) => c.a === 'route-json' && c.scenario === 'revalidate'))
        browser.comparisons.push({ ...c, scenario, a: 'route' });
    }
    const same = bottomLine({ ...syntheticResults(), browser }).find((s) => s.href === '#claim-C3')!;
    expect(same.text).toMatch(
      /^Of 5 route variants that make as many round trips as the action, at each one's highest RTT \d were faster than the action, \d slower and \d not shown different\.$/,
    );
  });
});

describe("the bottom line of a user's app (--config)", () => {
  const comparison = (
    a: string,
    rttMs: number,
    diffMedianMs: number,
    ci95: [number, number],
    loads: [number, number],
  ) => ({
    ...syntheticResults().browser!.comparisons[0]!,
    scenario: 'sign',
    a,
    b: 'classic',
    chrome: 'no-defer' as const,
    rttMs,
    diffMedianMs,
    ci95,
    loads,
  });
  const results = (comparisons: ReturnType<typeof comparison>[]): Results => {
    const base = syntheticResults();
    return {
      ...base,
      claims: [],
      app: { configFile: 'mutation-bench.config.ts', failOnRegression: true },
      browser: { ...base.browser!, comparisons },
    };
  };

  it('says each variant against the baseline the config names, in the direction each interval shows', () => {
    const [sentence, ...rest] = bottomLine(
      results([
        comparison('fetch', 0, 3.2, [1.1, 5.3], [8, 8]),
        comparison('fetch', 60, -4.1, [-6.5, -1.7], [8, 8]),
        comparison('fetch', 120, 0.6, [-1.4, 2.6], [8, 8]),
      ]),
    );
    expect(rest).toEqual([]);
    expect(sentence).toEqual({
      text:
        'sign: fetch against classic was slower by 3.2 ms (95% CI 1.1 to 5.3 ms) at RTT 0 ms, faster by 4.1 ms ' +
        '(1.7 to 6.5 ms) at RTT 60 ms and no different, +0.6 ms (−1.4 to +2.6 ms) at RTT 120 ms; 8 page loads per arm.',
      href: '#scenario-sign',
    });
  });

  it('names the page loads by RTT when they differ, and one sentence per variant', () => {
    const sentences = bottomLine(
      results([
        comparison('fetch', 0, 3.2, [1.1, 5.3], [7, 7]),
        comparison('fetch', 60, 3.0, [1.0, 5.0], [9, 8]),
        comparison('query', 0, 0.1, [-2, 2.2], [7, 7]),
      ]),
    );
    expect(sentences.map((sentence) => sentence.text.split(' against ')[0])).toEqual(['sign: fetch', 'sign: query']);
    expect(sentences[0]!.text).toMatch(/; 7 and 9\/8 \(by RTT\) page loads per arm\.$/);
  });
});
