import fs from 'node:fs';
import path from 'node:path';
import { APP_DIR, runNextBuild } from '../fixture/app-server';
import { actionIds } from './action-request';

export interface BuildProbes {
  /** Every action's id in another build of the same sources, against the measured build's. */
  actionIds: { build: 'again with the key' | 'without the key'; actions: number; sameAsMeasured: number }[];
  /** A build with a client component importing the server-only module (app/probe/misuse): did it fail, and why. */
  serverOnlyMisuse: { buildFailed: boolean; message: string | null };
}

const idsByAction = (distDir: string) =>
  new Map(actionIds(APP_DIR, distDir).map((entry) => [`${entry.file}#${entry.exportedName}`, entry.id]));

/** The first line of a build log that names the server-only guard, or the log's last line. */
function guardMessage(log: string): string | null {
  const lines = log
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.find((line) => /server-only/i.test(line)) ?? lines.at(-1) ?? null;
}

/**
 * C8's "stable" and C13's guard, each from a real `next build` beside the measured one (about 20 s each, so only
 * with --build-probes): the same sources built again with the fixed action key and without it, and the build
 * with the server-only misuse. Each build's folder is removed afterwards.
 */
export async function probeBuilds(logDir: string): Promise<BuildProbes> {
  // next build adds its distDir's types to tsconfig.json: the probe builds must leave the checkout as it was.
  const tsconfig = path.join(APP_DIR, 'tsconfig.json');
  const original = fs.readFileSync(tsconfig, 'utf8');
  try {
    return await buildAll(logDir);
  } finally {
    fs.writeFileSync(tsconfig, original);
  }
}

async function buildAll(logDir: string): Promise<BuildProbes> {
  const measured = idsByAction('.next');
  const build = async (name: string, env: Record<string, string | undefined>) => {
    const distDir = `.next-probe-${name}`;
    const logFile = path.join(logDir, `build-probe-${name}.log`);
    const code = await runNextBuild(logFile, { BENCH_DIST_DIR: distDir, ...env });
    return { distDir, code, log: fs.readFileSync(logFile, 'utf8') };
  };
  const compare = async (
    name: string,
    label: BuildProbes['actionIds'][number]['build'],
    env: Record<string, string | undefined>,
  ) => {
    const { distDir, code, log } = await build(name, env);
    try {
      if (code !== 0) throw new Error(`the ${label} build failed (exit ${code}): ${guardMessage(log)}`);
      const other = idsByAction(distDir);
      return {
        build: label,
        actions: measured.size,
        sameAsMeasured: [...measured].filter(([action, id]) => other.get(action) === id).length,
      };
    } finally {
      fs.rmSync(path.join(APP_DIR, distDir), { recursive: true, force: true });
    }
  };
  const again = await compare('key', 'again with the key', {});
  const withoutKey = await compare('nokey', 'without the key', { NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: undefined });
  const misuse = await build('misuse', { BENCH_SERVER_ONLY_MISUSE: '1' });
  fs.rmSync(path.join(APP_DIR, misuse.distDir), { recursive: true, force: true });
  return {
    actionIds: [again, withoutKey],
    serverOnlyMisuse: { buildFailed: misuse.code !== 0, message: misuse.code !== 0 ? guardMessage(misuse.log) : null },
  };
}
