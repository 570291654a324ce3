import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { APP_DIR, LOCKFILE } from './app-server';
import { UserError } from './errors';

/** The checkout the fixture belongs to: git runs here, and a baseline's fixture is unpacked here. */
const PROJECT_DIR = path.dirname(APP_DIR);

/** The fixture as it was at a git commit, unpacked beside bench-app to be built and served as a duet's baseline. */
export interface BaselineFixture {
  /** The ref as given (`main`, `HEAD~1`, `origin/main`) and the commit it named when the run started. */
  ref: string;
  commit: string;
  appDir: string;
  /**
   * The commit's package-lock.json differs from this checkout's: the baseline is built with this checkout's
   * dependencies, so a dependency upgrade is not what the duet compares (the Next version matrix does that).
   */
  lockfileDiffers: boolean;
}

function git(args: string[]): Buffer {
  return execFileSync('git', ['-C', PROJECT_DIR, ...args], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
}

/** The commit a ref names, or a UserError saying how to make it resolvable. */
export function resolveCommit(ref: string): string {
  try {
    return git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])
      .toString()
      .trim();
  } catch {
    const inGit = fs.existsSync(path.join(PROJECT_DIR, '.git'));
    throw new UserError(
      inGit
        ? `--against ${ref}: no such commit in this checkout (fetch it first, e.g. git fetch origin ${ref.replace(/^origin\//, '')}; CI needs actions/checkout with fetch-depth: 0)`
        : `--against ${ref}: ${PROJECT_DIR} is not a git checkout; --against builds the fixture of another commit from git`,
    );
  }
}

/**
 * Unpacks bench-app as it was at `ref` into `.against-<commit>` beside bench-app (once per commit: a later run
 * reuses it, and the build stamp decides whether it needs building). The folder sits directly in the project so
 * that the fixture's Turbopack root (its parent folder) holds this checkout's node_modules, as for bench-app.
 */
export function checkoutBaseline(ref: string): BaselineFixture {
  const commit = resolveCommit(ref);
  const appDir = path.join(PROJECT_DIR, `.against-${commit.slice(0, 12)}`);
  if (!fs.existsSync(appDir)) {
    let tarball: Buffer;
    try {
      tarball = git(['archive', '--format=tar', commit, 'bench-app']);
    } catch {
      throw new UserError(`--against ${ref}: commit ${commit.slice(0, 12)} has no bench-app folder to build`);
    }
    // Unpacked under a temporary name and renamed: an interrupted unpack never passes for a whole one.
    const partial = `${appDir}.partial-${process.pid}`;
    fs.rmSync(partial, { recursive: true, force: true });
    fs.mkdirSync(partial);
    execFileSync('tar', ['-x', '-C', partial, '--strip-components=1'], {
      input: tarball,
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    fs.renameSync(partial, appDir);
  }
  fs.mkdirSync(path.join(appDir, 'data'), { recursive: true });
  let lockfileDiffers = true;
  try {
    lockfileDiffers = !git(['show', `${commit}:package-lock.json`]).equals(fs.readFileSync(LOCKFILE));
  } catch {
    // A commit without a lockfile cannot match this one.
  }
  return { ref, commit, appDir, lockfileDiffers };
}
