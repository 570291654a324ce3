import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildFixture, startFixture, type AppServer } from '../../runner/measure/fixture/app-server';

/** A production build of the fixture on a free port with a throwaway database. */
export async function startTestFixture(): Promise<{ server: AppServer; dbPath: string; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-bench-test-'));
  await buildFixture(path.join(dir, 'build.log'));
  const dbPath = path.join(dir, 'bench.sqlite');
  const server = await startFixture({ port: 0, dbPath, serverDelayMs: 0, logFile: path.join(dir, 'server.log') });
  return { server, dbPath, dir };
}
