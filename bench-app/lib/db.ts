import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { FIXTURE_SCENARIOS } from './scenarios';

// SQLite is the only storage: module-level state would be duplicated per route bundle. Each scenario's tables, once
// (several scenarios write items).
const SCHEMA = [...new Set(FIXTURE_SCENARIOS.flatMap(({ tables }) => tables))].join('\n');

/** Rows of the orders table the export scenario downloads as CSV: about 20 MB of it. */
export const ORDER_ROWS = 200_000;

/**
 * Fills the orders table once, in one statement (concurrent openers wait on the write lock and then find it full):
 * deterministic rows, so every database exports the same bytes.
 */
const SEED_ORDERS = `
  INSERT INTO orders (id, customer, sku, quantity, cents, placed, note)
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ORDER_ROWS})
  SELECT i, printf('customer-%06d', (i * 7919) % 99991), printf('SKU-%05d', (i * 104729) % 49999), 1 + i % 9,
         100 + (i * 15485863) % 999900, date('2026-01-01', '+' || (i % 365) || ' days'),
         printf('order %d of a seeded catalogue, packed and shipped', i)
  FROM n WHERE NOT EXISTS (SELECT 1 FROM orders)`;

export function databasePath(): string {
  return process.env.BENCH_DB_PATH ?? path.join(process.cwd(), 'data', 'bench.sqlite');
}

export function openDatabase(file: string = databasePath()): Database.Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  // Stated, not inherited: SQLite gives a connection that switched the file to WAL mode FULL (an fsync per commit)
  // and one that opened a file already in WAL mode NORMAL, so the first process and the later ones differed.
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 5000');
  database.exec(SCHEMA);
  // Databases from before items had a list (one per scenario that adds items) get the column.
  const columns = database.prepare('PRAGMA table_info(items)').all() as { name: string }[];
  if (!columns.some((column) => column.name === 'list'))
    database.exec(`ALTER TABLE items ADD COLUMN list TEXT NOT NULL DEFAULT 'revalidate'`);
  database.exec(SEED_ORDERS);
  return database;
}

/**
 * The row a write `... RETURNING` gives back. Stepped to completion (`all`), not `get`: SQLite runs the WAL's
 * autocheckpoint only when a statement steps to its end, so a `get` that stops at the returned row never
 * checkpoints, and under load the WAL grew without bound (20 MB to 127 MB in 28 s of counter load) while every
 * read scanned more of it: the server slowed by about 1.7x within a run, and no steady state could exist.
 */
export function writeReturning<Row>(sql: string, ...params: unknown[]): Row {
  return db()
    .prepare(sql)
    .all(...params)[0] as Row;
}

let shared: Database.Database | undefined;

/** The process's connection; each route bundle may hold its own, which WAL mode handles. */
export function db(): Database.Database {
  shared ??= openDatabase();
  return shared;
}
