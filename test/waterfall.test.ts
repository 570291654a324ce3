import { describe, expect, it } from 'vitest';
import {
  interactionBars,
  WATERFALL_SCRIPT,
  waterfallSection,
  waterfalls,
  type MedianInteraction,
} from '../reports/waterfall';

const request = (method: string, path: string, status: number | null, startMs: number, endMs: number) => ({
  method,
  path,
  status,
  startMs,
  endMs,
});

/** route-refresh at RTT 60: the POST, then the refresh GET once the POST's answer arrived, the value shown after it. */
const refresh: MedianInteraction = {
  latencyMs: 131.26,
  requests: [
    request('GET', '/revalidate/route-refresh?_rsc=1x9z&b=2', 200, 66.04, 128.44),
    request('POST', '/revalidate/route-refresh', 200, 1.84, 63.96),
  ],
};
const action: MedianInteraction = { latencyMs: 64.5, requests: [request('POST', '/revalidate/action', 200, 1.5, 63)] };

const cell = (
  scenario: string,
  variant: string,
  rttMs: number,
  chrome: 'no-defer' | 'shipped',
  medianInteraction?: MedianInteraction,
) => ({ scenario, variant, rttMs, chrome, medianInteraction });

describe('interactionBars', () => {
  it('draws the whole interaction, then each request in start order, in ms from the click, labelled method, path and status', () => {
    expect(interactionBars('route-refresh', refresh)).toEqual([
      { label: 'route-refresh: click → new value shown', kind: 'interaction', startMs: 0, endMs: 131.3 },
      { label: 'route-refresh: POST /revalidate/route-refresh → 200', kind: 'request', startMs: 1.8, endMs: 64 },
      // The RSC cache-buster's value changes every request: its key says what the request is.
      {
        label: 'route-refresh: GET /revalidate/route-refresh?_rsc&b → 200',
        kind: 'request',
        startMs: 66,
        endMs: 128.4,
      },
    ]);
  });

  it('says when a request got no answer', () => {
    expect(
      interactionBars('route', { latencyMs: 10, requests: [request('POST', '/api/counter', null, 1, 9)] })[1]!.label,
    ).toBe('route: POST /api/counter → no answer');
  });
});

describe('waterfalls', () => {
  const charts = waterfalls([
    cell('revalidate', 'action', 0, 'no-defer', {
      latencyMs: 5,
      requests: [request('POST', '/revalidate/action', 200, 1, 4)],
    }),
    cell('revalidate', 'action', 60, 'no-defer', action),
    cell('revalidate', 'route-refresh', 60, 'no-defer', refresh),
    cell('revalidate', 'route-json', 60, 'no-defer'),
    cell('revalidate', 'action', 120, 'shipped', action),
    cell('counter', 'action', 0, 'shipped', action),
    cell('form', 'action', 0, 'no-defer'),
  ]);

  it('draws one chart per scenario that carries interactions, at its highest RTT, preferring the reference Chrome mode', () => {
    expect(charts.map((chart) => chart.scenario)).toEqual(['revalidate', 'counter']);
    expect(charts.map((chart) => chart.title)).toEqual([
      "revalidate: each variant's median interaction at RTT 60 ms",
      "counter: each variant's median interaction at RTT 0 ms (shipped Chrome)",
    ]);
  });

  it('gives each variant its own rows: floating bars [start, end] on its rows, nothing on the others', () => {
    const [revalidate] = charts;
    expect(revalidate!.labels).toEqual([
      'action: click → new value shown',
      'action: POST /revalidate/action → 200',
      'route-refresh: click → new value shown',
      'route-refresh: POST /revalidate/route-refresh → 200',
      'route-refresh: GET /revalidate/route-refresh?_rsc&b → 200',
    ]);
    expect(revalidate!.kinds).toEqual(['interaction', 'request', 'interaction', 'request', 'request']);
    expect(revalidate!.datasets).toEqual([
      { variant: 'action', bars: [[0, 64.5], [1.5, 63], null, null, null] },
      { variant: 'route-refresh', bars: [null, null, [0, 131.3], [1.8, 64], [66, 128.4]] },
    ]);
  });
});

describe('waterfallSection', () => {
  it('is empty when no cell carries an interaction (runs before the request log was kept)', () => {
    expect(waterfallSection(waterfalls([cell('counter', 'action', 0, 'no-defer')]))).toBe('');
  });

  it('gives each chart a canvas tall enough for its rows, and escapes scenario names', () => {
    const html = waterfallSection(waterfalls([cell('<script>alert(1)</script>', 'action', 0, 'no-defer', action)]));
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('id="waterfall-&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).toContain('height:138px');
    expect(html).toContain('One interaction, request by request');
  });

  it('ships a chart script that parses', () => {
    expect(() => new Function(WATERFALL_SCRIPT)).not.toThrow();
  });
});
