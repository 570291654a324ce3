import { db } from '../db';
import { PERSISTED_SQL, type PersistedCounts } from '../integrity-sql';

/** A load test's scopes share a prefix: what each scenario persisted under it. */
export function persistedUnder(prefix: string): Record<string, PersistedCounts> {
  return Object.fromEntries(
    Object.entries(PERSISTED_SQL).map(([scenario, sql]) => [
      scenario,
      db().prepare(sql).get(`${prefix}%`) as PersistedCounts,
    ]),
  );
}
