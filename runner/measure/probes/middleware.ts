import { APP_DIR } from '../fixture/app-server';
import { actionId, callAction } from './action-request';

export interface MiddlewareProbeRow {
  request: 'action' | 'route' | 'unmatched page';
  method: string;
  path: string;
  status: number;
  /** What the fixture's proxy wrote on the response (`saw POST /probe/payload`), or null when it did not run. */
  proxySaw: string | null;
}

/**
 * C12: an action's POST and a Route Handler's POST on the paths the fixture's proxy (bench-app/proxy.ts) matches,
 * and a measured page it must not touch (the control: the probe reads the proxy's mark, not something every
 * response carries).
 */
export async function probeMiddleware(origin: string, appDir = APP_DIR): Promise<MiddlewareProbeRow[]> {
  const row = async (
    request: MiddlewareProbeRow['request'],
    method: string,
    path: string,
    response: Promise<Response>,
  ): Promise<MiddlewareProbeRow> => {
    const answered = await response;
    await answered.arrayBuffer();
    return { request, method, path, status: answered.status, proxySaw: answered.headers.get('x-bench-proxy') };
  };
  const signal = () => AbortSignal.timeout(10_000);
  return [
    await row(
      'action',
      'POST',
      '/probe/payload',
      callAction(origin, '/probe/payload', actionId('app/probe/payload/actions.ts', 'oneArgumentAction', appDir), [
        'c12',
      ]),
    ),
    await row(
      'route',
      'POST',
      '/api/probe/seen',
      fetch(`${origin}/api/probe/seen`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
        signal: signal(),
      }),
    ),
    await row(
      'unmatched page',
      'GET',
      '/counter/action',
      fetch(`${origin}/counter/action?scope=c12`, { signal: signal() }),
    ),
  ];
}
