import { z } from 'zod';
import { UserError } from '../../core/errors';
import type { Scenario } from '../../scenarios';
import type { PersistedReader } from '../http/persisted';

const CountSchema = z.object({ count: z.number().int().min(0) });

/**
 * Integrity counts from a user's app: each scenario's `persisted.url` asked for the rows under a scope prefix. An
 * app cannot say which rows were written twice, so `duplicated` is 0 and only lost or unacknowledged writes show.
 */
export function urlPersisted(origin: string, scenarios: readonly Scenario[], timeoutMs: number): PersistedReader {
  return async (scenarioId, prefix) => {
    const persisted = scenarios.find((scenario) => scenario.id === scenarioId)?.persisted;
    if (!persisted || !('url' in persisted)) throw new Error(`${scenarioId} has no persisted.url`);
    const url = `${origin}${persisted.url.replaceAll('{prefix}', encodeURIComponent(prefix))}`;
    const field = `scenarios.${scenarioId}.persisted.url`;
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) }).catch((error: Error) => {
      throw new UserError(`${field}: GET ${url} failed (${error.message})`);
    });
    const body: unknown = await response.json().catch(() => undefined);
    const parsed = CountSchema.safeParse(body);
    if (!response.ok || !parsed.success)
      throw new UserError(`${field}: GET ${url} answered ${response.status} without {"count": <whole number>}`);
    return { mutations: parsed.data.count, duplicated: 0 };
  };
}
