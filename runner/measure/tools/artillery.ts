import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../core/paths';

/** The last Artillery release that runs on Node 20 (2.0.22 and later need Node 22.13). */
export const ARTILLERY_VERSION = '2.0.21';

/**
 * Artillery is about 600 MB and 970 packages (a minute and a half to install here): kept out of `npm ci` for
 * everyone who never exports, it is installed on first use into a cache folder of the checkout.
 */
const TOOLS_DIR = path.join(PROJECT_ROOT, '.cache', 'tools');
const INSTALL_DIR = path.join(TOOLS_DIR, `artillery-${ARTILLERY_VERSION}`);
const MARKER = path.join(INSTALL_DIR, '.installed');
export const ARTILLERY_BIN = path.join(INSTALL_DIR, 'node_modules', 'artillery', 'bin', 'run');

/** Runs a command to its end; rejects with its last output lines when it fails. */
function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(
            new Error(
              `${command} ${args.join(' ')} failed (exit ${code}):\n${output.trim().split('\n').slice(-10).join('\n')}`,
            ),
          ),
    );
  });
}

/**
 * Artillery's CLI, installed once (pinned, install scripts off: its Playwright engine would download a browser
 * that the HTTP engine never uses). An install that did not finish leaves no marker and is redone.
 */
export async function ensureArtillery(log: (line: string) => void = () => undefined): Promise<string> {
  if (fs.existsSync(MARKER)) return ARTILLERY_BIN;
  log(
    `installing Artillery ${ARTILLERY_VERSION} into ${path.relative(process.cwd(), INSTALL_DIR)} (once; about 600 MB, a minute or two)`,
  );
  const partial = `${INSTALL_DIR}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true });
  fs.writeFileSync(
    path.join(partial, 'package.json'),
    `${JSON.stringify({ private: true, description: 'mutation-bench tool cache' })}\n`,
  );
  try {
    await run(
      'npm',
      ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', `artillery@${ARTILLERY_VERSION}`],
      partial,
    );
    fs.rmSync(INSTALL_DIR, { recursive: true, force: true });
    fs.renameSync(partial, INSTALL_DIR);
    fs.writeFileSync(MARKER, `${new Date().toISOString()}\n`);
  } finally {
    fs.rmSync(partial, { recursive: true, force: true });
  }
  return ARTILLERY_BIN;
}

/** The environment Artillery runs in: no telemetry (this machine, and most CI, has no route to it). */
export const ARTILLERY_ENV = { ...process.env, ARTILLERY_DISABLE_TELEMETRY: 'true' };
