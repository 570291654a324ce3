import { describe, expect, it } from 'vitest';
import { c07, uncacheable } from '../runner/analyse/claims/c07-never-cached';
import { claim, evaluated, probes, read } from './claims-support';

describe('C7: caching', () => {
  const action = {
    measure: 'action response',
    method: 'POST',
    status: 200,
    cacheControl: 'private, no-cache, no-store, max-age=0, must-revalidate',
    verdict: 'supported',
  };
  const plain = {
    measure: 'GET Route Handler, default',
    route: 'default',
    path: '/api/probe/items',
    status: 200,
    cacheControl: null,
    freshAfterMutation: true,
    verdict: 'supported',
  };
  const optIn = (fresh: boolean) => ({
    measure: 'GET Route Handler opting into caching (control)',
    route: 'opt-in',
    path: '/api/probe/items-cached',
    status: 200,
    cacheControl: 's-maxage=60',
    freshAfterMutation: fresh,
    verdict: 'not-measured',
  });

  it("gives the action's header, the default GET's freshness and the control's", () => {
    expect(read(claim('C7', 'supported', [action, plain, optIn(false)]))).toBe(
      "The action's POST answered 200 with Cache-Control: private, no-cache, no-store, max-age=0, must-revalidate; a default GET Route Handler read right after a mutation was fresh, with no Cache-Control header, while the control route that opts into caching read stale.",
    );
  });

  it('is inconclusive when the control reads fresh too', () => {
    const text = read(claim('C7', 'inconclusive', [action, { ...plain, verdict: 'inconclusive' }, optIn(true)]));
    expect(text.startsWith("Inconclusive: the action's POST answered 200")).toBe(true);
    expect(text).toContain('but the control route that opts into caching read fresh too, so freshness proves nothing.');
  });
});

describe('C7: the rule', () => {
  const caching = (actionCacheControl: string | null, controlFresh: boolean) => ({
    action: { method: 'POST' as const, status: 200, cacheControl: actionCacheControl },
    routes: [
      {
        route: 'default' as const,
        path: '/api/probe/items',
        status: 200,
        cacheControl: null,
        freshAfterMutation: true,
      },
      {
        route: 'opt-in' as const,
        path: '/api/probe/items-cached',
        status: 200,
        cacheControl: 's-maxage=60',
        freshAfterMutation: controlFresh,
      },
    ],
  });

  it('reads Cache-Control as a cache would', () => {
    expect(uncacheable(null)).toBe(true);
    expect(uncacheable('private, no-cache, no-store, max-age=0, must-revalidate')).toBe(true);
    expect(uncacheable('public, max-age=60')).toBe(false);
  });

  it('is supported when the POST is uncacheable and the default GET reads fresh while the control reads stale', () => {
    expect(evaluated(c07, { probes: probes({ caching: caching('no-store', false) }) }).verdict).toBe('supported');
    expect(evaluated(c07, { probes: probes({ caching: caching('public, max-age=60', false) }) }).verdict).toBe(
      'depends',
    );
  });

  it('is inconclusive when the control reads fresh too: freshness proves nothing', () => {
    const result = evaluated(c07, { probes: probes({ caching: caching('no-store', true) }) });
    expect(result.verdict).toBe('inconclusive');
    expect(result.evidence[1]).toMatchObject({ route: 'default', verdict: 'inconclusive' });
    expect(read(result)).toContain('read fresh too, so freshness proves nothing.');
  });

  it('is not measured without the probes suite', () => {
    expect(evaluated(c07, {}).verdict).toBe('not-measured');
  });
});
