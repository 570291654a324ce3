import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { onCleanup, runSignal } from '../../core/cleanup';
import type { ReplayOptions } from './replay';
import type { ReplayResult } from '../../contract/records';

export interface LoadRequest {
  id: number;
  options: ReplayOptions;
}
export type LoadAnswer = { ready: true } | { id: number; result: ReplayResult } | { id: number; error: string };

/** A replayer in a child process of its own, optionally pinned to cores (taskset). */
export interface LoadGenerator {
  pid: number;
  replay(options: ReplayOptions): Promise<ReplayResult>;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);
const CHILD = fileURLToPath(new URL('./load-generator-child.ts', import.meta.url));

/**
 * Starts the load generator. autocannon in the runner's own process shared its event loop and its CPU count with
 * the runner (capture bookkeeping, /proc sampling); here its CPU is measured alone, and `cores` keeps it off the
 * server's cores.
 */
export async function startLoadGenerator(cores: readonly number[] | null): Promise<LoadGenerator> {
  const node = [process.execPath, '--import', pathToFileURL(require.resolve('tsx')).href, CHILD];
  const [command, ...args] = cores ? ['taskset', '-c', cores.join(','), ...node] : node;
  const child = spawn(command!, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, { resolve: (result: ReplayResult) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let exited: Error | null = null;
  const failAll = (error: Error) => {
    exited = error;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  const stop = () => void child.kill('SIGKILL');
  const unregister = onCleanup(async () => stop());
  runSignal.addEventListener('abort', stop, { once: true });
  child.on('exit', (code, signal) =>
    failAll(new Error(`the load generator exited (${signal ?? `exit code ${code}`})`)),
  );
  await new Promise<void>((resolve, reject) => {
    child.on('message', (message: LoadAnswer) => {
      if ('ready' in message) return resolve();
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if ('result' in message) waiting?.resolve(message.result);
      else waiting?.reject(new Error(message.error));
    });
    child.once('exit', () => reject(exited));
    child.once('error', reject);
  });
  return {
    pid: child.pid!,
    replay(options) {
      if (exited) return Promise.reject(exited);
      const id = nextId++;
      return new Promise<ReplayResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ id, options } satisfies LoadRequest);
      });
    },
    async close() {
      runSignal.removeEventListener('abort', stop);
      unregister();
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.disconnect();
      await gone;
    },
  };
}
