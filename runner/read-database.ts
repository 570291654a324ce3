import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { PersistedReader } from './http/persisted';
import { scenarioById } from './scenarios';

/** One read-only query against the fixture's database while its server runs (WAL allows the concurrent reader). */
export function queryOnce<T>(dbPath: string, sql: string, ...params: unknown[]): T {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
}

/** A counter scope's value as the fixture persisted it; 0 before the server has written anything (its database is created on first use). */
export function counterValue(dbPath: string, scope: string): number {
  return fs.existsSync(dbPath)
    ? (queryOnce<{ value: number } | undefined>(dbPath, 'SELECT value FROM counters WHERE scope = ?', scope)?.value ??
        0)
    : 0;
}

/** Integrity counts from the local fixture's database. */
export function localPersisted(dbPath: string): PersistedReader {
  return async (scenario, prefix) => queryOnce(dbPath, scenarioById(scenario).persistedSql, `${prefix}%`);
}
