import { UserError } from './errors';

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

let installed = false;

/** Ctrl-C / SIGTERM: tear down, then exit 130 / 143. Installed once by the CLI. */
export function installSignalHandlers(): void {
  if (installed) return;
  installed = true;
  process.on('exit', () => {
    for (const pid of processGroups) killProcessGroup(pid, 'SIGKILL');
  });
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping the fixture server and the browser\n`);
      void cleanupAll().finally(() => process.exit(code));
    });
  }
}

/**
 * Runs a command's main and exits with its code after tearing everything down: a UserError is one line and exit 2
 * (nothing started), anything else exit 1 with the stack. `name` prefixes the messages.
 */
export function runMain(name: string, main: () => Promise<number>): void {
  installSignalHandlers();
  main().then(
    async (code) => {
      await cleanupAll();
      process.exit(code);
    },
    async (error: unknown) => {
      await cleanupAll();
      if (error instanceof UserError) {
        console.error(`${name}: ${error.message}`);
        process.exit(2);
      }
      console.error(`${name}: run failed: ${(error as Error).stack ?? error}`);
      process.exit(1);
    },
  );
}
