import { FIXTURE_SCENARIOS } from './scenarios';

/**
 * Integrity under load, one query per scenario: what the database holds for scopes LIKE ? (one scope per replayed
 * interaction): `scopes`, `mutations` persisted, and `duplicated` scopes that got more than one. The runner reads
 * the local database with these; a deployment answers them through /api/bench/integrity.
 */
export const PERSISTED_SQL: Record<string, string> = Object.fromEntries(
  FIXTURE_SCENARIOS.map(({ family, integrityId, persistedSql }) => [integrityId ?? family, persistedSql]),
);

export interface PersistedCounts {
  scopes: number;
  mutations: number;
  duplicated: number;
}
