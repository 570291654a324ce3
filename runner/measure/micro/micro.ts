import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Config } from '../../core/config';
import type { Progress } from '../../core/progress';
import type { Results } from '../../contract/results';

const WORKER = fileURLToPath(new URL('./micro-worker.ts', import.meta.url));

/** Runs the micro-benchmarks in a child process (see micro-worker.ts) and returns their results. */
export async function runMicro(config: Config, progress: Progress): Promise<NonNullable<Results['micro']>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-bench-micro-'));
  progress.start('micro', 1);
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--conditions=react-server', '--import', 'tsx', WORKER, String(config.microTimeMs)],
      {
        cwd: path.resolve(path.dirname(WORKER), '..', '..'),
        env: { ...process.env, NODE_ENV: 'production', BENCH_DB_PATH: path.join(dir, 'micro.sqlite') },
        maxBuffer: 1 << 20,
      },
    );
    const tasks = JSON.parse(stdout) as NonNullable<Results['micro']>['tasks'];
    progress.stop(`${tasks.length} tasks`);
    return { tasks };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
