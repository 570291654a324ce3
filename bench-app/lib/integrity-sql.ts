/**
 * Integrity under load, one query per scenario: what the database holds for scopes LIKE ? (one scope per replayed
 * interaction): `scopes`, `mutations` persisted, and `duplicated` scopes that got more than one. The runner reads
 * the local database with these; a deployment answers them through /api/bench/integrity.
 */
export const PERSISTED_SQL: Record<string, string> = {
  counter: `SELECT count(*) AS scopes, coalesce(sum(value), 0) AS mutations, coalesce(sum(value > 1), 0) AS duplicated
            FROM counters WHERE scope LIKE ?`,
  revalidate: `SELECT count(DISTINCT scope) AS scopes, count(*) AS mutations, count(*) - count(DISTINCT scope) AS duplicated
               FROM items WHERE list = 'revalidate' AND scope LIKE ?`,
  'form-valid': `SELECT count(DISTINCT scope) AS scopes, count(*) AS mutations, count(*) - count(DISTINCT scope) AS duplicated
                 FROM signups WHERE scope LIKE ?`,
  // Every payload size writes uploads: counted as one (a load test that replayed payload would count them together).
  payload: `SELECT count(DISTINCT scope) AS scopes, count(*) AS mutations, count(*) - count(DISTINCT scope) AS duplicated
            FROM uploads WHERE scope LIKE ?`,
  optimistic: `SELECT count(*) AS scopes, coalesce(sum(version), 0) AS mutations, coalesce(sum(version > 1), 0) AS duplicated
               FROM likes WHERE scope LIKE ?`,
  // Items are kept in a list per scenario, so no scenario counts another's; one parallel interaction is its scope's 5 items.
  nojs: `SELECT count(DISTINCT scope) AS scopes, count(*) AS mutations, count(*) - count(DISTINCT scope) AS duplicated
         FROM items WHERE list = 'nojs' AND scope LIKE ?`,
  redirect: `SELECT count(DISTINCT scope) AS scopes, count(*) AS mutations, count(*) - count(DISTINCT scope) AS duplicated
             FROM items WHERE list = 'redirect' AND scope LIKE ?`,
  export: `SELECT count(DISTINCT scope) AS scopes, count(*) AS mutations, count(*) - count(DISTINCT scope) AS duplicated
           FROM exports WHERE scope LIKE ?`,
  parallel: `SELECT count(*) AS scopes, coalesce(sum(n = 5), 0) AS mutations, coalesce(sum(n > 5), 0) AS duplicated
             FROM (SELECT count(*) AS n FROM items WHERE list = 'parallel' AND scope LIKE ? GROUP BY scope)`,
};

export interface PersistedCounts {
  scopes: number;
  mutations: number;
  duplicated: number;
}
