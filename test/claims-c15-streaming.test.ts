import { describe, expect, it } from 'vitest';
import { headline } from '../reports/headlines';
import { c15 } from '../runner/analyse/claims/c15-streaming';
import type { Comparison } from '../runner/contract/results';
import {
  cell,
  evaluated,
  scenarioBrowser as browser,
  scenarioComparison as comparison,
  scenarioRun as run,
} from './claims-support';

describe('C15: large files and streaming fit Route Handlers better', () => {
  const exportRow = (
    rttMs: number,
    total: [number, number],
    firstByte: [number, number],
    rss: [number, number],
    extra: Partial<Comparison> = {},
  ) =>
    comparison('export', rttMs, total, {
      firstByteDiffMs: { estimate: (firstByte[0] + firstByte[1]) / 2, ci95: firstByte },
      serverRssRiseDiffMb: { estimate: (rss[0] + rss[1]) / 2, ci95: rss },
      ...extra,
    });
  const upload = (variant: string, status: number) =>
    cell('payload-2mb', variant, 0, {
      medianInteraction: {
        latencyMs: 100,
        requests: [{ method: 'POST', path: `/payload/${variant}`, status, startMs: 1, endMs: 90 }],
      },
    });

  it('is supported when the stream is faster, answers sooner and holds less, and only the route takes 2 MB', () => {
    const claim = evaluated(c15, {
      run,
      browser: browser({
        comparisons: [exportRow(0, [-1400, -1200], [-600, -450], [-60, -40])],
        cells: [upload('action', 500), upload('route', 201)],
      }),
    });
    expect(claim.verdict).toBe('supported');
    expect(claim.evidence).toHaveLength(4);
    expect(claim.evidence.at(-1)).toMatchObject({ action: '500 refused', route: '201 saved', verdict: 'supported' });
    expect(headline(claim)).toMatch(
      /^Route minus action on a 21 MB CSV export and uploads up to 2 MB: the Route Handler is better beyond noise in export, total time \(to the saved file\) at RTT 0 ms: −1300\.0 ms .*server's RSS rise during the export at RTT 0 ms: −50\.0 MB \(95% CI −60\.0 to −40\.0 MB\) and payload 2 MB upload with default settings \(exact\): action 500 refused, route 201 saved\.$/,
    );
  });

  it('depends when the route is better in one measure and worse in another; rows without a difference decide nothing', () => {
    expect(
      evaluated(c15, { run, browser: browser({ comparisons: [exportRow(0, [100, 200], [-600, -450], [-5, 5])] }) })
        .verdict,
    ).toBe('depends');
    expect(
      evaluated(c15, {
        run,
        browser: browser({
          comparisons: [exportRow(0, [-20, 20], [-5, 5], [-5, 5]), comparison('payload-900kb', 0, [-4, 3])],
        }),
      }).verdict,
    ).toBe('inconclusive');
  });

  it('holds the export rows back when the A/A control fails, and is refuted where only the action takes 2 MB', () => {
    const failedAa = browser({ comparisons: [exportRow(0, [-1400, -1200], [-600, -450], [-60, -40])] });
    failedAa.aa = [{ ...failedAa.aa[0]!, diffMedianMs: 6, ci95: [3, 9] }];
    const held = evaluated(c15, { run, browser: failedAa });
    expect(held.verdict).toBe('inconclusive');
    expect(held.evidence.every((row) => String(row.reason).startsWith('the A/A control was not shown within'))).toBe(
      true,
    );
    expect(
      evaluated(c15, { run, browser: browser({ cells: [upload('action', 200), upload('route', 413)] }) }).verdict,
    ).toBe('refuted');
    expect(evaluated(c15, { run, browser: browser({}) })).toMatchObject({
      verdict: 'not-measured',
      summary: expect.stringMatching(/^Needs the export and payload scenarios/),
    });
  });
});
