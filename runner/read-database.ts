import Database from 'better-sqlite3';

/** One read-only query against the fixture's database while its server runs (WAL allows the concurrent reader). */
export function queryOnce<T>(dbPath: string, sql: string, ...params: unknown[]): T {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
}
