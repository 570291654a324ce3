import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../bench-app/lib/db';
import { PERSISTED_SQL } from '../bench-app/lib/integrity-sql';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-bench-persisted-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('PERSISTED_SQL: what each scenario persisted under a scope prefix', () => {
  // One load test's prefix "t01" over every table: each scenario must count its own rows only (a load test of
  // revalidate must not make redirect look as if it persisted unacknowledged writes).
  const db = openDatabase(path.join(dir, 'bench.sqlite'));
  const item = db.prepare('INSERT INTO items (scope, text, list) VALUES (?, ?, ?)');
  for (const scope of ['t01a', 't01b']) item.run(scope, 'x', 'revalidate');
  item.run('t01c', 'x', 'redirect');
  for (const scope of ['t01d', 't01e']) for (let i = 0; i < 5; i++) item.run(scope, `x${i}`, 'parallel');
  item.run('t01f', 'x', 'parallel'); // a parallel interaction cut short: not one whole mutation
  item.run('t01g', 'x', 'nojs');
  item.run('zzz1', 'x', 'redirect'); // another test's prefix
  db.prepare("INSERT INTO counters (scope, value) VALUES ('t01h', 1), ('t01i', 2)").run();
  db.prepare("INSERT INTO signups (scope, name, email) VALUES ('t01j', 'n', 'e@example.com')").run();
  db.prepare("INSERT INTO likes (scope, liked, version) VALUES ('t01k', 1, 1)").run();
  db.prepare("INSERT INTO uploads (scope, name, bytes) VALUES ('t01l', 'f', 10)").run();
  const counted = (scenario: string) => db.prepare(PERSISTED_SQL[scenario]!).get('t01%');

  const written: Record<string, { scopes: number; mutations: number; duplicated: number }> = {
    counter: { scopes: 2, mutations: 3, duplicated: 1 },
    revalidate: { scopes: 2, mutations: 2, duplicated: 0 },
    redirect: { scopes: 1, mutations: 1, duplicated: 0 },
    parallel: { scopes: 3, mutations: 2, duplicated: 0 },
    nojs: { scopes: 1, mutations: 1, duplicated: 0 },
    'form-valid': { scopes: 1, mutations: 1, duplicated: 0 },
    optimistic: { scopes: 1, mutations: 1, duplicated: 0 },
    payload: { scopes: 1, mutations: 1, duplicated: 0 },
  };

  // Every scenario's query: one that wrote nothing above must count none of the others' rows.
  it.each(Object.keys(PERSISTED_SQL))('%s counts its own rows only', (scenario) => {
    expect(counted(scenario)).toEqual(written[scenario] ?? { scopes: 0, mutations: 0, duplicated: 0 });
  });
});
