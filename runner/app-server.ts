import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { abortRun, killProcessGroup, onCleanup, runSignal, trackProcessGroup } from './cleanup';
import { ServerExited, UserError } from './errors';

export const APP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'bench-app');
/** The `next` a fixture folder builds and serves with: the one its node_modules resolve (the project's, or a version matrix's isolated install). */
export function nextBinFor(appDir: string): string {
  return createRequire(path.join(appDir, 'package.json')).resolve('next/dist/bin/next');
}
/** Written beside a build that succeeded: what it was built from (buildHash). */
const buildStamp = (appDir: string) => path.join(appDir, '.next', 'mutation-bench-source-hash');
/** The fixture builds against the project's node_modules: the lockfile names every version the build can depend on. */
export const LOCKFILE = path.join(APP_DIR, '..', 'package-lock.json');

/** The lockfile of the install a fixture folder resolves its packages from: the nearest one above it. */
export function lockfileFor(appDir: string): string {
  for (let dir = path.dirname(appDir); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'package-lock.json');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return LOCKFILE;
  }
}

/**
 * A fixed key keeps Server Action ids identical across builds (ids are salted with it), so captured requests
 * stay valid. It protects nothing: the fixture holds no secrets.
 */
const ACTION_ENCRYPTION_KEY = 'bXV0YXRpb24tYmVuY2gtZml4ZWQta2V5LTMyLWJ5dGU=';

/**
 * C13's planted server-only secret, given to the build and the server as a .env would give it: the secrets probe
 * checks that it reaches no client chunk and no byte the browser loads, and that the server really used it.
 */
export const PLANTED_SECRET = 'mutation-bench-planted-secret-5d1f0b7e9c2a';

const BASE_ENV = {
  NEXT_TELEMETRY_DISABLED: '1',
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: ACTION_ENCRYPTION_KEY,
  BENCH_PROBE_SECRET: PLANTED_SECRET,
};

/** The fixture's source files under `dir` (outputs, the database and installed packages left out), sorted. */
export function fixtureSources(dir: string): string[] {
  const skip = new Set(['data', 'node_modules', 'next-env.d.ts']);
  return (
    fs
      .readdirSync(dir, { withFileTypes: true })
      // .next and the build probes' .next-probe-* folders are outputs, not sources.
      .filter((entry) => !skip.has(entry.name) && !entry.name.startsWith('.next'))
      .flatMap((entry) => {
        const full = path.join(dir, entry.name);
        return entry.isDirectory() ? fixtureSources(full) : [full];
      })
      .sort()
  );
}

/** The version of the `next` a fixture folder resolves. */
export function nextVersionFor(appDir: string): string {
  return JSON.parse(fs.readFileSync(path.join(path.dirname(nextBinFor(appDir)), '..', '..', 'package.json'), 'utf8'))
    .version;
}

/**
 * What a build is of: the fixture's sources, the Next version it resolves, the action key and the lockfile of its
 * install (a React or TanStack Query upgrade changes the build as surely as a source edit does).
 */
export function buildHash(lockfile = LOCKFILE, appDir = APP_DIR): string {
  const hash = createHash('sha256');
  const nextVersion = nextVersionFor(appDir);
  hash.update(`next@${nextVersion}\0${ACTION_ENCRYPTION_KEY}\0${PLANTED_SECRET}\0`);
  hash.update('package-lock.json\0').update(fs.readFileSync(lockfile));
  for (const file of fixtureSources(appDir))
    hash.update(`${path.relative(appDir, file)}\0`).update(fs.readFileSync(file));
  return hash.digest('hex');
}

/** Whether the build in <appDir>/.next is of exactly what `hash` describes. */
export function isBuildCurrent(hash: string, appDir = APP_DIR): boolean {
  const built = fs.existsSync(path.join(appDir, '.next', 'BUILD_ID')) && fs.existsSync(buildStamp(appDir));
  return built && fs.readFileSync(buildStamp(appDir), 'utf8').trim() === hash;
}

/**
 * One `next build` of the fixture, in its own process group (stopped by Ctrl-C). `env` is added to the harness's
 * (a variable set to undefined is removed: a build without the action key). Returns the exit code.
 */
export async function runNextBuild(
  logFile: string,
  env: Record<string, string | undefined> = {},
  appDir = APP_DIR,
): Promise<number | null> {
  const log = fs.openSync(logFile, 'a');
  const merged = Object.fromEntries(
    Object.entries({ ...process.env, ...BASE_ENV, NODE_ENV: 'production', ...env }).filter(
      ([, value]) => value !== undefined,
    ),
  );
  const child = spawn(process.execPath, [nextBinFor(appDir), 'build'], {
    cwd: appDir,
    env: merged,
    stdio: ['ignore', log, log],
    detached: true,
  });
  const untrack = trackProcessGroup(child.pid!);
  const unregister = onCleanup(async () => killProcessGroup(child.pid!, 'SIGTERM'));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  unregister();
  untrack();
  fs.closeSync(log);
  return code;
}

/**
 * Runs `next build` of the fixture in `appDir` (bench-app, or a duet's baseline) unless its last build was of
 * exactly these sources and dependencies. Returns whether it built.
 */
export async function buildFixture(logFile: string, appDir = APP_DIR): Promise<boolean> {
  const hash = buildHash(lockfileFor(appDir), appDir);
  if (isBuildCurrent(hash, appDir)) return false;
  // The stamp is written only after a build that succeeded.
  fs.rmSync(buildStamp(appDir), { force: true });
  const code = await runNextBuild(logFile, {}, appDir);
  if (code !== 0) {
    const tail = fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-15).join('\n');
    throw new Error(`next build failed (exit ${code}); last lines of ${logFile}:\n${tail}`);
  }
  fs.writeFileSync(buildStamp(appDir), hash);
  return true;
}

/** Fails with a UserError when `port` is taken; with 0, returns a free port. */
export async function claimPort(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new UserError(
              `port ${port} on 127.0.0.1 is busy: free it, pass another --port, or omit --port to use a free one`,
            )
          : error,
      ),
    );
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as net.AddressInfo;
      server.close(() => resolve(bound));
    });
  });
}

export interface AppServer {
  origin: string;
  pid: number;
  stop(): Promise<void>;
}

interface ServerProcess {
  /** What the server is, for messages. */
  name: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  port: number;
  /** A path that answers 200 once the server is ready. */
  readyPath: string;
  logFile: string;
}

/**
 * Starts a server in its own process group (so stopping it takes its children too) and resolves once it answers
 * HTTP. The group is killed on stop, on error, on Ctrl-C and on exit.
 */
export async function startServerProcess(spec: ServerProcess): Promise<AppServer> {
  const port = await claimPort(spec.port);
  const log = fs.openSync(spec.logFile, 'a');
  const child = spawn(process.execPath, [...spec.args, String(port)], {
    cwd: spec.cwd,
    env: spec.env,
    stdio: ['ignore', log, log],
    detached: true,
  });
  fs.closeSync(log);
  const pid = child.pid!;
  const untrack = trackProcessGroup(pid);
  let exited = false;
  let stopping = false;
  let ready = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = true;
      resolve();
      // A server dying under a measurement ends the run: every later number would measure connection errors.
      if (ready && !stopping)
        abortRun(
          new ServerExited(
            `${spec.name} (pid ${pid}) exited while the run was using it (${signal ?? `exit code ${code}`}); its log: ${spec.logFile}`,
          ),
        );
    }),
  );

  const stop = async () => {
    stopping = true;
    unregister();
    if (!exited) {
      killProcessGroup(pid, 'SIGTERM');
      // A stopping run (Ctrl-C) gives a server half a second to go: Next's graceful shutdown waits for the load
      // generator's keep-alive connections, which took the stop past 5 s.
      const graceMs = runSignal.aborted ? 500 : 5000;
      const gone = await Promise.race([exit.then(() => true), sleep(graceMs).then(() => false)]);
      if (!gone) killProcessGroup(pid, 'SIGKILL');
    }
    untrack();
  };
  const unregister = onCleanup(stop);

  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && !exited) {
    // Each probe has a timeout of its own: a server that accepts and never answers must not hang the start.
    ready = await fetch(`${origin}${spec.readyPath}`, { signal: AbortSignal.timeout(2000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { origin, pid, stop };
    await sleep(100);
  }
  await stop();
  const tail = fs.readFileSync(spec.logFile, 'utf8').trim().split('\n').slice(-15).join('\n');
  throw new Error(`${spec.name} did not become ready on ${origin}; last lines of ${spec.logFile}:\n${tail}`);
}

export interface StartOptions {
  port: number;
  /** The address the fixture listens on: loopback unless it serves as a deployment (npm run serve). */
  host?: string;
  /** Serve /api/bench/integrity (BENCH_INTEGRITY=1): a deployment for --target runs needs it. */
  integrityEndpoint?: boolean;
  dbPath: string;
  serverDelayMs: number;
  logFile: string;
  /** The fixture served: bench-app unless a duet's baseline or a version matrix's build. */
  appDir?: string;
}

function serviceEnv(options: StartOptions): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    BENCH_DB_PATH: options.dbPath,
    BENCH_SERVER_DELAY_MS: String(options.serverDelayMs),
    ...(options.integrityEndpoint ? { BENCH_INTEGRITY: '1' } : {}),
  };
}

/** `next start` on 127.0.0.1. */
export function startFixture(options: StartOptions): Promise<AppServer> {
  return startServerProcess({
    name: 'the fixture server',
    args: [nextBinFor(options.appDir ?? APP_DIR), 'start', '-H', options.host ?? '127.0.0.1', '-p'],
    cwd: options.appDir ?? APP_DIR,
    env: { ...serviceEnv(options), ...BASE_ENV },
    port: options.port,
    readyPath: '/',
    logFile: options.logFile,
  });
}

const FLOOR_SERVER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'http', 'floor-server.ts');

/** The physical floor: a bare node:http server over the same service functions and database. */
export function startFloor(options: StartOptions): Promise<AppServer> {
  return startServerProcess({
    name: 'the floor server',
    args: ['--import', 'tsx', FLOOR_SERVER],
    cwd: path.dirname(APP_DIR),
    env: serviceEnv(options),
    port: options.port,
    readyPath: '/api/revalidate?scope=ready',
    logFile: options.logFile,
  });
}
