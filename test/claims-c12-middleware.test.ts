import { describe, expect, it } from 'vitest';
import { c12 } from '../runner/analyse/claims/c12-middleware';
import { claim, evaluated, probes, read } from './claims-support';

describe('C12: middleware', () => {
  const row = (request: string, method: string, path: string, proxySaw: string | null) => ({
    request,
    method,
    path,
    status: 200,
    proxySaw,
  });

  it('says which requests the middleware saw, the control apart', () => {
    expect(
      read(
        claim('C12', 'supported', [
          row('action', 'POST', '/probe/middleware', 'action'),
          row('route', 'POST', '/api/probe/middleware', 'route'),
          row('unmatched page', 'GET', '/probe/unmatched', null),
        ]),
      ),
    ).toBe(
      "The fixture's middleware saw the action (POST /probe/middleware) and the route (POST /api/probe/middleware), not the unmatched page (the control, GET /probe/unmatched).",
    );
  });

  it('is inconclusive when the control was marked', () => {
    expect(
      read(
        claim('C12', 'inconclusive', [
          row('action', 'POST', '/probe/middleware', 'x'),
          row('route', 'POST', '/api/probe/middleware', 'x'),
          row('unmatched page', 'GET', '/probe/unmatched', 'x'),
        ]),
      ),
    ).toBe(
      "Inconclusive: the fixture's middleware saw the action (POST /probe/middleware), the route (POST /api/probe/middleware) and the unmatched page (the control, GET /probe/unmatched); it should not see the control, so the marks prove nothing.",
    );
  });
});

describe('C12: the rule', () => {
  const middleware = (action: boolean, route: boolean, control: boolean) => [
    {
      request: 'action' as const,
      method: 'POST',
      path: '/probe/middleware',
      status: 200,
      proxySaw: action ? 'action' : null,
    },
    {
      request: 'route' as const,
      method: 'POST',
      path: '/api/probe/middleware',
      status: 200,
      proxySaw: route ? 'route' : null,
    },
    {
      request: 'unmatched page' as const,
      method: 'GET',
      path: '/probe/unmatched',
      status: 200,
      proxySaw: control ? 'x' : null,
    },
  ];

  it('is supported when the proxy saw the action as it saw the route, refuted when it missed the action', () => {
    expect(evaluated(c12, { probes: probes({ middleware: middleware(true, true, false) }) }).verdict).toBe('supported');
    expect(evaluated(c12, { probes: probes({ middleware: middleware(false, true, false) }) }).verdict).toBe('refuted');
  });

  it('is inconclusive when the control was marked or the route was not: the marks prove nothing', () => {
    const marked = evaluated(c12, { probes: probes({ middleware: middleware(true, true, true) }) });
    expect(marked.verdict).toBe('inconclusive');
    expect(read(marked)).toContain('it should not see the control, so the marks prove nothing.');
    expect(evaluated(c12, { probes: probes({ middleware: middleware(true, false, false) }) }).verdict).toBe(
      'inconclusive',
    );
  });

  it('is not measured without the probes suite', () => {
    expect(evaluated(c12, {}).verdict).toBe('not-measured');
  });
});
