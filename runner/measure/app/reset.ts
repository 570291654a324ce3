import { spawn } from 'node:child_process';
import type { AppConfig } from '../../contract/app-config';
import { UserError } from '../../core/errors';

/** Resets an app's state before a page load, on the server at `origin`. */
export type StateReset = (origin: string) => Promise<void>;

/**
 * The config's reset as a function: POST to its URL on the server (2xx expected), or its command run by the shell in
 * the config's folder with MUTATION_BENCH_ORIGIN set (exit 0 expected). A reset that fails is the config's mistake:
 * a UserError naming the field, which ends the run with exit 2.
 */
export function stateReset(reset: AppConfig['reset'], configDir: string, timeoutMs: number): StateReset | null {
  if (reset === 'none') return null;
  if ('url' in reset)
    return async (origin) => {
      const url = `${origin}${reset.url}`;
      const response = await fetch(url, { method: 'POST', signal: AbortSignal.timeout(timeoutMs) }).catch(
        (error: Error) => {
          throw new UserError(
            `reset.url: POST ${url} failed (${error.message}): check the path, or set reset to 'none'`,
          );
        },
      );
      await response.arrayBuffer();
      if (!response.ok)
        throw new UserError(
          `reset.url: POST ${url} answered ${response.status}: give a path that resets the app's state`,
        );
    };
  return (origin) =>
    new Promise((resolve, reject) => {
      const child = spawn('sh', ['-c', reset.command], {
        cwd: configDir,
        env: { ...process.env, MUTATION_BENCH_ORIGIN: origin },
        stdio: ['ignore', 'ignore', 'pipe'],
        timeout: timeoutMs,
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('error', (error) => reject(new UserError(`reset.command could not start: ${error.message}`)));
      child.once('exit', (code, signal) =>
        code === 0
          ? resolve()
          : reject(
              new UserError(
                `reset.command "${reset.command}" ${signal ? `was stopped (${signal}) after ${timeoutMs} ms` : `exited ${code}`}${stderr.trim() ? `: ${stderr.trim().split('\n').at(-1)}` : ''}`,
              ),
            ),
      );
    });
}
