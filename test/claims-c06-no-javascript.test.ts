import { describe, expect, it } from 'vitest';
import { c06 } from '../runner/analyse/claims/c06-no-javascript';
import { claim, evaluated, probes, read } from './claims-support';

describe('C6: no JavaScript', () => {
  it('gives the status, whether it persisted and the count shown', () => {
    expect(
      read(
        claim('C6', 'supported', [
          { status: 200, countBefore: '4', countAfter: '5', persisted: true, shown: true, verdict: 'supported' },
        ]),
      ),
    ).toBe(
      'With JavaScript disabled, the form bound to an action answered 200, the mutation persisted, and the page it answered with showed 5 (before: 4).',
    );
    expect(
      read(
        claim('C6', 'refuted', [
          { status: 405, countBefore: '4', countAfter: null, persisted: false, shown: false, verdict: 'refuted' },
        ]),
      ),
    ).toBe(
      'With JavaScript disabled, the form bound to an action answered 405, the mutation did not persist, and the page it answered with showed nothing (before: 4), not the new count.',
    );
  });
});

describe('C6: the rule', () => {
  const noJs = (status: number, countAfter: string | null, persisted: boolean) => ({
    status,
    countBefore: '4',
    countAfter,
    persisted,
  });

  it('is supported when the form persisted and the answered page shows the new count, refuted otherwise', () => {
    expect(evaluated(c06, { probes: probes({ noJs: noJs(200, '5', true) }) }).verdict).toBe('supported');
    const stale = evaluated(c06, { probes: probes({ noJs: noJs(200, '4', true) }) });
    expect(stale).toMatchObject({ verdict: 'refuted', evidence: [{ shown: false, verdict: 'refuted' }] });
    expect(read(stale)).toContain(', not the new count.');
    expect(evaluated(c06, { probes: probes({ noJs: noJs(405, null, false) }) }).verdict).toBe('refuted');
  });

  it('is not measured without the probes suite', () => {
    expect(evaluated(c06, {}).verdict).toBe('not-measured');
  });
});
