import { describe, expect, it } from 'vitest';
import { combineVerdicts, evaluateC1, evaluateC2 } from '../runner/claims/claims';
import type { Cell, Comparison } from '../runner/results/schema';

const comparison = (a: string, rttMs: number, ci95: [number, number]): Comparison => ({
  scenario: 'revalidate',
  rttMs,
  a,
  b: 'action',
  diffMedianMs: (ci95[0] + ci95[1]) / 2,
  ci95,
  n: [20, 20],
  sampling: 'ci-target',
});

describe('C1', () => {
  it('is supported only when every route variant and RTT lies inside [50, 100] ms', () => {
    expect(evaluateC1([comparison('route-refresh', 60, [55, 70]), comparison('route-query', 60, [51, 99])]).verdict).toBe('supported');
  });

  it('is refuted when every CI lies wholly outside', () => {
    const claim = evaluateC1([comparison('route-json', 0, [-5, 2]), comparison('route-refresh', 0, [101, 120])]);
    expect(claim.verdict).toBe('refuted');
    expect(claim.evidence.map((row) => row.verdict)).toEqual(['refuted', 'refuted']);
  });

  it('depends when it holds for some conditions and not others', () => {
    const claim = evaluateC1([comparison('route-refresh', 60, [55, 70]), comparison('route-json', 60, [-3, 2])]);
    expect(claim.verdict).toBe('depends');
    expect(claim.summary).toContain('route-refresh at RTT 60 ms');
  });

  it('is inconclusive when a CI straddles a bound and nothing is decisive either way', () => {
    expect(evaluateC1([comparison('route-refresh', 50, [45, 60])]).verdict).toBe('inconclusive');
    expect(evaluateC1([comparison('route-refresh', 50, [45, 60]), comparison('route-json', 0, [-1, 1])]).verdict).toBe('inconclusive');
  });

  it('ignores other scenarios and is not-measured without revalidate', () => {
    expect(evaluateC1([{ ...comparison('route', 0, [0, 1]), scenario: 'counter' }]).verdict).toBe('not-measured');
  });
});

describe('C2', () => {
  const cell = (variant: string, rttMs: number, roundTrips: number) => ({ scenario: 'revalidate', variant, rttMs, roundTrips }) as Cell;
  it('is supported when the action has exactly one round trip fewer than route + refresh at every RTT', () => {
    expect(evaluateC2([cell('action', 0, 1), cell('route-refresh', 0, 2), cell('action', 60, 1), cell('route-refresh', 60, 2)]).verdict).toBe('supported');
    expect(evaluateC2([cell('action', 0, 2), cell('route-refresh', 0, 2)]).verdict).toBe('refuted');
    expect(evaluateC2([cell('action', 0, 1)]).verdict).toBe('not-measured');
  });
});

describe('combineVerdicts', () => {
  it('follows the DESIGN rule', () => {
    expect(combineVerdicts([])).toBe('not-measured');
    expect(combineVerdicts(['supported', 'supported'])).toBe('supported');
    expect(combineVerdicts(['refuted', 'supported', 'inconclusive'])).toBe('depends');
    expect(combineVerdicts(['refuted', 'inconclusive'])).toBe('inconclusive');
  });
});
