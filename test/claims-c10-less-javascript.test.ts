import { describe, expect, it } from 'vitest';
import type { Claim } from '../runner/contract/results';
import { c10 } from '../runner/analyse/claims/c10-less-javascript';
import { claim, evaluated, probes, read } from './claims-support';

describe('C10: JavaScript sent to the client', () => {
  it('C10: gzip KB per page, action against route, and the difference', () => {
    const row = (actionGzipBytes: number, routeGzipBytes: number, verdict: Claim['verdict']) => ({
      scenario: 'counter',
      variant: 'route',
      routeGzipBytes,
      actionGzipBytes,
      routeRawBytes: routeGzipBytes * 3,
      actionRawBytes: actionGzipBytes * 3,
      differenceBytes: actionGzipBytes - routeGzipBytes,
      verdict,
    });
    expect(read(claim('C10', 'supported', [row(120_000, 121_000, 'supported')]))).toBe(
      'JavaScript a fresh page load fetches, gzip: counter action 117.2 KB vs route 118.2 KB (−1.0 KB). The action page loads no more in 1 of 1.',
    );
    expect(read(claim('C10', 'refuted', [row(124_000, 121_000, 'refuted')]))).toContain(
      'counter action 121.1 KB vs route 118.2 KB (+2.9 KB). The action page loads no more in 0 of 1.',
    );
  });
});

describe('C10: the rule', () => {
  const page = (variant: string, gzipBytes: number) => ({
    scenario: 'counter',
    variant,
    scripts: 9,
    rawBytes: gzipBytes * 3,
    gzipBytes,
    files: [],
  });

  it('is supported when the action page loads no more (within 2%), refuted when it loads more', () => {
    expect(
      evaluated(c10, { probes: probes({ clientJs: [page('action', 122_000), page('route', 121_000)] }) }).verdict,
    ).toBe('supported');
    const more = evaluated(c10, { probes: probes({ clientJs: [page('action', 130_000), page('route', 121_000)] }) });
    expect(more.verdict).toBe('refuted');
    expect(read(more)).toContain('(+8.8 KB). The action page loads no more in 0 of 1.');
  });

  it('is not measured without the probes suite', () => {
    expect(evaluated(c10, {}).verdict).toBe('not-measured');
  });
});
