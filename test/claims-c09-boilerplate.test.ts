import { describe, expect, it } from 'vitest';
import type { Claim } from '../runner/contract/results';
import { c09 } from '../runner/analyse/claims/c09-boilerplate';
import { claim, evaluated, probes, read } from './claims-support';

describe('C9: lines of code', () => {
  it('C9: lines per variant, route → action, against the claimed 30–40%', () => {
    const row = (
      scenario: string,
      variant: string,
      routeLines: number,
      actionLines: number,
      verdict: Claim['verdict'],
    ) => ({
      scenario,
      variant,
      routeLines,
      actionLines,
      reduction: 1 - actionLines / routeLines,
      verdict,
    });
    expect(
      read(
        claim('C9', 'depends', [
          row('counter', 'route', 40, 26, 'supported'),
          row('revalidate', 'route-json', 40, 30, 'refuted'),
          row('revalidate', 'route-query', 20, 30, 'refuted'),
        ]),
      ),
    ).toBe(
      "Each variant's own code, route → action: counter route 40 → 26 lines (35% less), revalidate route-json 40 → 30 lines (25% less) and revalidate route-query 20 → 30 lines (50% more). The claimed 30%–40% less holds for 1 of 3.",
    );
  });
});

describe('C9: the rule', () => {
  const code = (variant: string, lines: number) => ({ scenario: 'counter', variant, lines, files: [] });

  it('is supported inside 30-40% less, refuted outside it with the direction, and depends on mixed rows', () => {
    expect(evaluated(c09, { probes: probes({ transportCode: [code('action', 26), code('route', 40)] }) }).verdict).toBe(
      'supported',
    );
    expect(
      evaluated(c09, { probes: probes({ transportCode: [code('action', 10), code('route', 40)] }) }),
    ).toMatchObject({
      verdict: 'refuted',
      qualifier: 'actions cut more code than claimed',
    });
    const mixed = evaluated(c09, {
      probes: probes({ transportCode: [code('action', 26), code('route', 40), code('route-json', 30)] }),
    });
    expect(mixed.verdict).toBe('depends');
    expect(read(mixed)).toContain('holds for 1 of 2.');
  });

  it('is not measured without the probes suite, or without an action variant to compare with', () => {
    expect(evaluated(c09, {}).verdict).toBe('not-measured');
    expect(evaluated(c09, { probes: probes({ transportCode: [code('route', 40)] }) }).verdict).toBe('not-measured');
  });
});
