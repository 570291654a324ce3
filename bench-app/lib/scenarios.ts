/**
 * The fixture's scenarios, one entry per family (app/<family>/): the tables it writes, what it persisted under a
 * scope prefix, and its variants' pages. db.ts's schema, integrity-sql.ts and the index page are built from this
 * list, so a new scenario adds its entry here instead of editing them.
 */
export interface FixtureScenario {
  /** The folder app/<family>/ (and app/api/<family>/): one page per variant, /<family>/<variant>. */
  family: string;
  /** The variants' pages, in the index's order. */
  variants: readonly string[];
  /** The DDL of the tables it writes (IF NOT EXISTS); a table several families write is one shared constant. */
  tables: readonly string[];
  /**
   * Integrity under load: `scopes`, `mutations` persisted and `duplicated` scopes (written more than once) among
   * the rows of scopes LIKE ? (one scope per replayed interaction).
   */
  persistedSql: string;
  /** The name its integrity counts go by (the case the load suite replays: form-valid); absent: the family. */
  integrityId?: string;
}

/** A table with one row per interaction: a scope with two was written twice. */
const oneRowPerScope = (table: string, condition = '') =>
  `SELECT count(DISTINCT scope) AS scopes, count(*) AS mutations, count(*) - count(DISTINCT scope) AS duplicated
   FROM ${table} WHERE ${condition}scope LIKE ?`;

/** A table of rows that each name their scope and what was written: one per interaction. */
const scopedRows = (table: string, columns: string) => `
  CREATE TABLE IF NOT EXISTS ${table} (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    scope TEXT NOT NULL,
    ${columns}
  );
  CREATE INDEX IF NOT EXISTS ${table}_by_scope ON ${table} (scope, id);`;

/**
 * The items revalidate, redirect, parallel, nojs and links add, each scenario to a `list` of its own, so that no scenario
 * counts another's rows.
 */
const ITEMS = scopedRows('items', `text TEXT NOT NULL,\n    list TEXT NOT NULL DEFAULT 'revalidate'`);
const itemsIn = (list: string) => oneRowPerScope('items', `list = '${list}' AND `);

export const FIXTURE_SCENARIOS: readonly FixtureScenario[] = [
  {
    family: 'counter',
    variants: ['action', 'route'],
    tables: [
      `
  CREATE TABLE IF NOT EXISTS counters (
    scope TEXT PRIMARY KEY,
    value INTEGER NOT NULL
  );`,
    ],
    persistedSql: `SELECT count(*) AS scopes, coalesce(sum(value), 0) AS mutations, coalesce(sum(value > 1), 0) AS duplicated
   FROM counters WHERE scope LIKE ?`,
  },
  {
    family: 'revalidate',
    variants: ['action', 'route-refresh', 'route-json', 'route-query'],
    tables: [ITEMS],
    persistedSql: itemsIn('revalidate'),
  },
  {
    // revalidate's mutation on a page with links on screen: what re-prefetching them after a refresh costs.
    family: 'links',
    variants: ['action', 'route-refresh', 'route-json'],
    tables: [ITEMS],
    persistedSql: itemsIn('links'),
  },
  {
    family: 'form',
    variants: ['action', 'route'],
    tables: [scopedRows('signups', 'name TEXT NOT NULL,\n    email TEXT NOT NULL')],
    persistedSql: oneRowPerScope('signups'),
    integrityId: 'form-valid',
  },
  {
    family: 'optimistic',
    variants: ['action', 'route'],
    tables: [
      `
  CREATE TABLE IF NOT EXISTS likes (
    scope TEXT PRIMARY KEY,
    liked INTEGER NOT NULL,
    version INTEGER NOT NULL
  );`,
    ],
    persistedSql: `SELECT count(*) AS scopes, coalesce(sum(version), 0) AS mutations, coalesce(sum(version > 1), 0) AS duplicated
   FROM likes WHERE scope LIKE ?`,
  },
  { family: 'redirect', variants: ['action', 'route'], tables: [ITEMS], persistedSql: itemsIn('redirect') },
  {
    family: 'parallel',
    variants: ['action', 'route'],
    tables: [ITEMS],
    // One interaction is its scope's 5 items.
    persistedSql: `SELECT count(*) AS scopes, coalesce(sum(n = 5), 0) AS mutations, coalesce(sum(n > 5), 0) AS duplicated
   FROM (SELECT count(*) AS n FROM items WHERE list = 'parallel' AND scope LIKE ? GROUP BY scope)`,
  },
  {
    family: 'payload',
    variants: ['action', 'route'],
    tables: [scopedRows('uploads', 'name TEXT NOT NULL,\n    bytes INTEGER NOT NULL')],
    // Every size writes uploads: counted as one (a load test that replayed payload would count them together).
    persistedSql: oneRowPerScope('uploads'),
  },
  { family: 'nojs', variants: ['action', 'route'], tables: [ITEMS], persistedSql: itemsIn('nojs') },
  {
    family: 'export',
    variants: ['action', 'route'],
    tables: [
      // What it exports (db.ts seeds it), then what it records.
      `
  CREATE TABLE IF NOT EXISTS orders (
    id INTEGER PRIMARY KEY,
    customer TEXT NOT NULL,
    sku TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    cents INTEGER NOT NULL,
    placed TEXT NOT NULL,
    note TEXT NOT NULL
  );`,
      scopedRows('exports', 'name TEXT NOT NULL,\n    bytes INTEGER NOT NULL'),
    ],
    persistedSql: oneRowPerScope('exports'),
  },
  {
    family: 'delete',
    variants: ['action', 'route'],
    tables: [scopedRows('deletions', 'item TEXT NOT NULL')],
    persistedSql: oneRowPerScope('deletions'),
  },
];

export function fixtureScenario(family: string): FixtureScenario {
  const scenario = FIXTURE_SCENARIOS.find((candidate) => candidate.family === family);
  if (!scenario) throw new Error(`bench-app/lib/scenarios.ts has no scenario ${family}`);
  return scenario;
}

/** Every variant's page, /<family>/<variant>, in the registry's order. */
export const VARIANT_PAGES = FIXTURE_SCENARIOS.flatMap(({ family, variants }) =>
  variants.map((variant) => `/${family}/${variant}`),
);
