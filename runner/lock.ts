import fs from 'node:fs';
import path from 'node:path';
import { APP_DIR } from './app-server';
import { UserError } from './errors';

/** One run at a time per checkout: runs share the fixture's build (bench-app/.next) and its database. */
export const LOCK_FILE = path.join(APP_DIR, 'data', 'run.lock');

interface Holder {
  pid: number;
  startedAt: string;
  command: string;
}

/** Re-entrant within a process: the runner takes the lock first, the fixture harness again inside it. */
const holds = new Map<string, number>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(lockFile: string): Holder | null {
  try {
    return JSON.parse(fs.readFileSync(lockFile, 'utf8')) as Holder;
  } catch {
    return null;
  }
}

/**
 * Takes the checkout's lock or fails with one line naming the run that holds it. A lock whose process is gone
 * (killed with SIGKILL, the machine rebooted) is stale and taken over: liveness is the holder's pid, not a
 * heartbeat, so a run starved of CPU on a loaded machine never loses its lock. Returns the release.
 */
export function acquireCheckoutLock(lockFile = LOCK_FILE): () => void {
  const count = holds.get(lockFile) ?? 0;
  if (count === 0) take(lockFile);
  holds.set(lockFile, count + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = holds.get(lockFile)! - 1;
    holds.set(lockFile, left);
    if (left === 0) fs.rmSync(lockFile, { force: true });
  };
}

function take(lockFile: string): void {
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  const holder: Holder = {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    command: process.argv
      .slice(1)
      .map((arg) => path.basename(arg))
      .join(' '),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, JSON.stringify(holder), { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const current = readHolder(lockFile);
    if (current && current.pid !== process.pid && isAlive(current.pid)) {
      throw new UserError(
        `another run (pid ${current.pid}, ${current.command}, started ${current.startedAt}) is using this checkout's fixture and database: wait for it to end or stop it (lock: ${path.relative(process.cwd(), lockFile)})`,
      );
    }
    fs.rmSync(lockFile, { force: true });
  }
  throw new UserError(`could not take ${lockFile}: another run keeps taking it; wait for it to end`);
}

/** The locks this process holds go with it, however it exits. */
process.on('exit', () => {
  for (const [lockFile, count] of holds) if (count > 0) fs.rmSync(lockFile, { force: true });
});
