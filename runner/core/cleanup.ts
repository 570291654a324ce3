import { RunInterrupted, UserError } from './errors';

/**
 * Everything the runner starts registers its teardown here, so a normal end, an error and Ctrl-C all leave no
 * process behind. Process groups are also killed synchronously on 'exit', the last chance Node gives.
 */
const teardowns = new Set<() => Promise<void>>();
const processGroups = new Set<number>();

export function onCleanup(teardown: () => Promise<void>): () => void {
  teardowns.add(teardown);
  return () => teardowns.delete(teardown);
}

export function trackProcessGroup(pid: number): () => void {
  processGroups.add(pid);
  return () => processGroups.delete(pid);
}

export function killProcessGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

export async function cleanupAll(): Promise<void> {
  const pending = [...teardowns].reverse();
  teardowns.clear();
  for (const teardown of pending) await teardown().catch(() => undefined);
}

/**
 * Aborted when the run must stop early: a signal, or a server it measures exiting under it. Measuring loops check
 * it between steps and long waits listen to it, so the run ends through its normal path and keeps what it measured.
 */
const runAbort = new AbortController();
export const runSignal: AbortSignal = runAbort.signal;

export function abortRun(reason: Error): void {
  if (!runAbort.signal.aborted) runAbort.abort(reason);
}

/** The reason the run was aborted, or `fallback` (the error that surfaced) when it was not. */
export function stopReason(fallback: unknown): unknown {
  return runSignal.aborted ? runSignal.reason : fallback;
}

/** After a signal, the run has this long to stop its children and write what it measured before it is cut off. */
const GRACE_MS = 20_000;

let installed = false;

/**
 * Ctrl-C / SIGTERM: abort the run and stop every child at once (so the measuring code fails fast), then let
 * runMain finish writing results; a second signal, or the grace period running out, exits straight away.
 */
export function installSignalHandlers(): void {
  if (installed) return;
  installed = true;
  process.on('exit', () => {
    for (const pid of processGroups) killProcessGroup(pid, 'SIGKILL');
  });
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.on(signal, () => {
      if (runSignal.aborted && runSignal.reason instanceof RunInterrupted) process.exit(code);
      process.stderr.write(
        `\n${signal}: stopping the fixture server and the browser, then writing what was measured (${signal} again to quit now)\n`,
      );
      abortRun(new RunInterrupted(signal, code));
      setTimeout(() => process.exit(code), GRACE_MS);
      void cleanupAll();
    });
  }
}

/**
 * Runs a command's main and exits with its code after tearing everything down: a UserError is one line and exit 2
 * (nothing started), an interruption its signal's code, anything else exit 1 with the stack. `name` prefixes the
 * messages.
 */
export function runMain(name: string, main: () => Promise<number>): void {
  installSignalHandlers();
  // While a stopped run closes its browser and servers, stray rejections from closing pages are expected; at any
  // other time one is a bug and crashes as Node would.
  process.on('unhandledRejection', (error) => {
    if (!runSignal.aborted) throw error;
  });
  const interrupted = () => (runSignal.reason instanceof RunInterrupted ? runSignal.reason.exitCode : null);
  main().then(
    async (code) => {
      await cleanupAll();
      process.exit(interrupted() ?? code);
    },
    async (error: unknown) => {
      await cleanupAll();
      if (error instanceof UserError) {
        console.error(`${name}: ${error.message}`);
        process.exit(2);
      }
      const code = interrupted();
      if (code !== null) {
        console.error(`${name}: ${(runSignal.reason as Error).message}`);
        process.exit(code);
      }
      console.error(`${name}: run failed: ${(error as Error).stack ?? error}`);
      process.exit(1);
    },
  );
}
