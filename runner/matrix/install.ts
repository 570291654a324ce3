import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import semver from 'semver';
import { APP_DIR } from '../app-server';
import { killProcessGroup, onCleanup, trackProcessGroup } from '../cleanup';
import { UserError } from '../errors';
import { syncFixture } from './adapter';
import { installedVersion, PINNED_NEXT } from '../packages';

/**
 * What the fixture needs besides Next and React, at the versions this checkout has installed, so that only Next
 * (and React where Next requires another) differs between the matrix's builds. TypeScript and the types because
 * `next build` type-checks the fixture.
 */
const FIXTURE_PACKAGES = [
  '@tanstack/react-query',
  'better-sqlite3',
  'zod',
  'typescript',
  '@types/node',
  '@types/react',
  '@types/react-dom',
  '@types/better-sqlite3',
];

/** Where isolated installs live: MUTATION_BENCH_CACHE, else the user's cache folder. Never the project's node_modules. */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  return (
    env.MUTATION_BENCH_CACHE ?? path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'mutation-bench')
  );
}

/** One Next version ready to build: where its fixture copy is and what it was installed with. */
export interface NextBuild {
  label: string;
  next: string;
  react: string;
  reactDom: string;
  bundler: 'turbopack' | 'webpack';
  /** The fixture folder to build and serve: bench-app for the pinned version, else a copy inside the install. */
  appDir: string;
  /** The isolated install (null: the project's own). */
  installDir: string | null;
  reusedInstall: boolean;
}

export const versionLabel = (version: string): string => `next@${version}`;

/** `next build`'s default bundler: Turbopack from Next 16, webpack before. */
export const bundlerOf = (version: string): NextBuild['bundler'] =>
  semver.major(version) >= 16 ? 'turbopack' : 'webpack';

const execFileAsync = promisify(execFile);

async function npmView(spec: string, fields: string[]): Promise<unknown> {
  try {
    const { stdout } = await execFileAsync('npm', ['view', spec, ...fields, '--json'], { maxBuffer: 1 << 26 });
    return stdout.trim() === '' ? undefined : JSON.parse(stdout);
  } catch (error) {
    const message = String((error as { stderr?: string }).stderr ?? (error as Error).message);
    if (/E404|No match found/.test(message)) return undefined;
    throw new UserError(
      `--next: could not ask the npm registry about ${spec} (${message.trim().split('\n')[0]}): check the network or your npm registry setting`,
    );
  }
}

/**
 * The React version an isolated install of `next@version` gets: the project's own when it satisfies Next's peer
 * range (so that only Next differs), else the newest release the range allows.
 */
export async function reactFor(version: string, peerRange: string | undefined): Promise<string> {
  const own = installedVersion('react');
  if (!peerRange || semver.satisfies(own, peerRange)) return own;
  const published = (await npmView(`react@${peerRange}`, ['version'])) as string | string[] | undefined;
  const best = semver.maxSatisfying(([] as string[]).concat(published ?? []), peerRange);
  if (!best) throw new UserError(`--next ${version}: no published React satisfies its peer range "${peerRange}"`);
  return best;
}

/** The package.json of an isolated install: what decides whether a cached one can be reused. */
export function installManifest(
  version: string,
  react: string,
): { name: string; private: true; dependencies: Record<string, string> } {
  const dependencies: Record<string, string> = { next: version, react, 'react-dom': react };
  for (const name of FIXTURE_PACKAGES) dependencies[name] = installedVersion(name);
  return {
    name: `mutation-bench-next-${version}`,
    private: true,
    dependencies: Object.fromEntries(Object.entries(dependencies).sort(([a], [b]) => a.localeCompare(b))),
  };
}

/** `npm install` in `dir`, in its own process group (stopped by Ctrl-C), logged to `logFile`. */
async function npmInstall(dir: string, logFile: string): Promise<void> {
  const log = fs.openSync(logFile, 'a');
  const child = spawn('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: dir,
    stdio: ['ignore', log, log],
    detached: true,
  });
  fs.closeSync(log);
  const untrack = trackProcessGroup(child.pid!);
  const unregister = onCleanup(async () => killProcessGroup(child.pid!, 'SIGTERM'));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  unregister();
  untrack();
  if (code !== 0) {
    const tail = fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-15).join('\n');
    throw new Error(`npm install in ${dir} failed (exit ${code}); last lines of ${logFile}:\n${tail}`);
  }
}

const STAMP = 'mutation-bench-install.json';

/**
 * Makes `next@version` ready to build: the pinned version is bench-app itself; any other is installed once into
 * `<cache>/next-<version>/` with the React it requires and the fixture's other packages at this checkout's
 * versions, then reused while that manifest is unchanged. The fixture is copied into `<install>/app/` (adapted
 * to the version) so that its packages resolve from the install, and Turbopack's root (the fixture's parent)
 * holds them. An interrupted install never passes for a whole one: it is unpacked under another name and renamed.
 */
export async function prepareNextBuild(
  version: string,
  logFile: string,
  log: (line: string) => void,
): Promise<NextBuild> {
  const label = versionLabel(version);
  if (version === PINNED_NEXT) {
    const react = installedVersion('react');
    return {
      label,
      next: version,
      react,
      reactDom: installedVersion('react-dom'),
      bundler: bundlerOf(version),
      appDir: APP_DIR,
      installDir: null,
      reusedInstall: true,
    };
  }
  const installDir = path.join(cacheRoot(), `next-${version}`);
  const manifest = (react: string) => `${JSON.stringify(installManifest(version, react), null, 2)}\n`;
  const stamp = path.join(installDir, STAMP);
  const cached = fs.existsSync(stamp) ? fs.readFileSync(stamp, 'utf8') : null;
  const cachedReact = cached === null ? null : (JSON.parse(cached).dependencies.react as string);
  const reusedInstall = cachedReact !== null && cached === manifest(cachedReact);
  let react: string;
  if (reusedInstall) {
    react = cachedReact!;
    log(`${label}: reusing the install in ${installDir}`);
  } else {
    const published = (await npmView(`next@${version}`, ['version', 'peerDependencies'])) as
      { version?: string; peerDependencies?: Record<string, string> } | undefined;
    if (published?.version !== version)
      throw new UserError(
        `--next ${version}: no such version of next on the npm registry (npm view next versions lists them)`,
      );
    react = await reactFor(version, published.peerDependencies?.react);
    log(`${label}: installing it with react@${react} into ${installDir} (once; log: ${logFile})`);
    const partial = `${installDir}.partial-${process.pid}`;
    fs.rmSync(partial, { recursive: true, force: true });
    fs.mkdirSync(partial, { recursive: true });
    fs.writeFileSync(path.join(partial, 'package.json'), manifest(react));
    try {
      await npmInstall(partial, logFile);
    } catch (error) {
      fs.rmSync(partial, { recursive: true, force: true });
      throw error;
    }
    fs.writeFileSync(path.join(partial, STAMP), manifest(react));
    fs.rmSync(installDir, { recursive: true, force: true });
    fs.renameSync(partial, installDir);
  }
  const appDir = path.join(installDir, 'app');
  syncFixture(APP_DIR, appDir, semver.major(version));
  return {
    label,
    next: version,
    react,
    reactDom: react,
    bundler: bundlerOf(version),
    appDir,
    installDir,
    reusedInstall,
  };
}
