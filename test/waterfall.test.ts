import { describe, expect, it } from 'vitest';
import {
  interactionBars,
  interactionMarks,
  WATERFALL_SCRIPT,
  waterfallSection,
  waterfalls,
  type MedianInteraction,
} from '../reports/waterfall';

const request = (
  method: string,
  path: string,
  status: number | null,
  startMs: number,
  endMs: number,
  responseStartMs?: number,
) => ({ method, path, status, startMs, endMs, ...(responseStartMs === undefined ? {} : { responseStartMs }) });

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
      {
        label: 'route-refresh: click → new value shown',
        kind: 'interaction',
        startMs: 0,
        endMs: 131.3,
        segments: [{ phase: 'interaction', startMs: 0, endMs: 131.3 }],
      },
      {
        label: 'route-refresh: POST /revalidate/route-refresh → 200',
        kind: 'request',
        startMs: 1.8,
        endMs: 64,
        segments: [{ phase: 'request', startMs: 1.8, endMs: 64 }],
      },
      // The RSC cache-buster's value changes every request: its key says what the request is.
      {
        label: 'route-refresh: GET /revalidate/route-refresh?_rsc&b → 200',
        kind: 'request',
        startMs: 66,
        endMs: 128.4,
        segments: [{ phase: 'request', startMs: 66, endMs: 128.4 }],
      },
    ]);
  });

  it('splits a request with its first byte into the wait (start to first byte) and the download (first byte to end); one without stays whole', () => {
    const [, withFirstByte, without] = interactionBars('route-refresh', {
      latencyMs: 131.26,
      requests: [
        request('POST', '/revalidate/route-refresh', 200, 1.84, 63.96, 61.52),
        request('GET', '/revalidate/route-refresh?_rsc=1', 200, 66.04, 128.44),
      ],
    });
    expect(withFirstByte!.segments).toEqual([
      { phase: 'wait', startMs: 1.8, endMs: 61.5 },
      { phase: 'download', startMs: 61.5, endMs: 64 },
    ]);
    expect(without!.segments).toEqual([{ phase: 'request', startMs: 66, endMs: 128.4 }]);
    // A first byte outside the request (clocks a hair apart) stays inside its bar.
    expect(
      interactionBars('action', { latencyMs: 9, requests: [request('POST', '/a', 200, 2, 8, 8.3)] })[1]!.segments,
    ).toEqual([
      { phase: 'wait', startMs: 2, endMs: 8 },
      { phase: 'download', startMs: 8, endMs: 8 },
    ]);
  });

  it("starts the interaction's row with its input delay where it was recorded", () => {
    expect(interactionBars('action', { latencyMs: 64.5, inputDelayMs: 1.24, requests: [] })[0]!.segments).toEqual([
      { phase: 'input-delay', startMs: 0, endMs: 1.2 },
      { phase: 'interaction', startMs: 1.2, endMs: 64.5 },
    ]);
  });

  it('says when a request got no answer', () => {
    expect(
      interactionBars('route', { latencyMs: 10, requests: [request('POST', '/api/counter', null, 1, 9)] })[1]!.label,
    ).toBe('route: POST /api/counter → no answer');
  });
});

describe('interactionMarks', () => {
  it('marks the click listener, the first byte, the scenario’s own marks and the value shown, in time order', () => {
    expect(
      interactionMarks('action', {
        latencyMs: 64.5,
        inputDelayMs: 1.2,
        marksMs: { optimistic: 20.04 },
        requests: [request('POST', '/a', 200, 1.5, 63, 50.26), request('GET', '/b', 200, 30, 40, 35)],
      }),
    ).toEqual([
      { variant: 'action', name: 'click listener', atMs: 1.2 },
      { variant: 'action', name: 'optimistic', atMs: 20 },
      { variant: 'action', name: 'first byte', atMs: 35 },
      { variant: 'action', name: 'value shown', atMs: 64.5 },
    ]);
  });

  it('marks only the value shown in a run that kept neither the input delay nor first bytes', () => {
    expect(interactionMarks('action', action)).toEqual([{ variant: 'action', name: 'value shown', atMs: 64.5 }]);
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
    expect(revalidate!.variants).toEqual(['action', 'action', 'route-refresh', 'route-refresh', 'route-refresh']);
    expect(revalidate!.datasets.map(({ variant, phase, bars }) => ({ variant, phase, bars }))).toEqual([
      { variant: 'action', phase: 'interaction', bars: [[0, 64.5], null, null, null, null] },
      { variant: 'action', phase: 'request', bars: [null, [1.5, 63], null, null, null] },
      { variant: 'route-refresh', phase: 'interaction', bars: [null, null, [0, 131.3], null, null] },
      { variant: 'route-refresh', phase: 'request', bars: [null, null, null, [1.8, 64], [66, 128.4]] },
    ]);
    expect(revalidate!.marks).toEqual([
      { variant: 'action', name: 'value shown', atMs: 64.5 },
      { variant: 'route-refresh', name: 'value shown', atMs: 131.3 },
    ]);
  });

  it('gives each phase of a variant a dataset: input delay, the rest of the interaction, wait and download', () => {
    const [chart] = waterfalls([
      cell('counter', 'action', 60, 'no-defer', {
        latencyMs: 70,
        inputDelayMs: 2,
        requests: [request('POST', '/counter/action', 200, 3, 68, 64)],
      }),
    ]);
    expect(chart!.datasets.map(({ phase, label, bars }) => ({ phase, label, bars }))).toEqual([
      { phase: 'interaction', label: 'action: click listener → new value shown', bars: [[2, 70], null] },
      { phase: 'input-delay', label: 'action: input delay (input time → click listener)', bars: [[0, 2], null] },
      { phase: 'wait', label: 'action: waiting for the first byte', bars: [null, [3, 64]] },
      { phase: 'download', label: 'action: download (first byte → end)', bars: [null, [64, 68]] },
    ]);
    expect(chart!.marks.map((mark) => mark.name)).toEqual(['click listener', 'first byte', 'value shown']);
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

  it('names each chart and gives it its numbers as a table: each row’s phases, then the marks', () => {
    const html = waterfallSection(
      waterfalls([
        cell('counter', 'action', 60, 'no-defer', {
          latencyMs: 70,
          inputDelayMs: 2,
          requests: [request('POST', '/counter/action', 200, 3, 68, 64)],
        }),
      ]),
    );
    expect(html).toMatch(/<canvas id="waterfall-counter" role="img" aria-label="Request waterfall, counter: [^"]+">/);
    expect(html).toContain('<details><summary>Data table</summary>');
    expect(html).toContain(
      '<tr><td>action: POST /counter/action → 200</td><td>waiting for the first byte</td><td>3.0</td><td>64.0</td><td>61.0</td></tr>',
    );
    expect(html).toContain('<tr><td>action</td><td>first byte</td><td>64.0</td></tr>');
  });

  it('ships a chart script that parses', () => {
    expect(() => new Function(WATERFALL_SCRIPT)).not.toThrow();
  });
});
