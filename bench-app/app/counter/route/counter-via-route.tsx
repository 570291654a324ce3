'use client';

import { fetchJson } from '../../../lib/client/fetch-json';
import { Counter } from '../counter';

async function incrementViaRoute(scope: string): Promise<number> {
  const { value } = await fetchJson<{ value: number }>('/api/counter', { method: 'POST', body: { scope } });
  return value;
}

export function CounterViaRoute(props: { scope: string; initial: number }) {
  return <Counter title="counter · Route Handler" {...props} increment={incrementViaRoute} />;
}
