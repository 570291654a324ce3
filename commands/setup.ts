/**
 * Makes sure a Chromium is there for the benchmark and the tests. Does nothing when one is found; otherwise
 * installs Debian's package (root with apt) or Playwright's build, or names CHROMIUM_PATH in one line (exit 2).
 */
import { spawnSync } from 'node:child_process';
import { findChromium } from '../runner/measure/browser/chromium';
import { UserError } from '../runner/core/errors';

// Everything setup says goes to stderr, its installers' output too: `npm run -s bench -- --json` keeps stdout for the JSON.
function run(command: string, args: string[]): boolean {
  console.error(`setup: ${command} ${args.join(' ')}`);
  return spawnSync(command, args, { stdio: ['inherit', process.stderr, 'inherit'] }).status === 0;
}

function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function main(): void {
  const existing = findChromium();
  if (existing) return;
  if (process.getuid?.() === 0 && hasCommand('apt-get')) {
    if (run('apt-get', ['update', '-qq']) && run('apt-get', ['install', '-y', '-qq', 'chromium'])) {
      if (findChromium()) return;
    }
  }
  run('npx', ['--no-install', 'playwright-core', 'install', 'chromium']);
  const installed = findChromium();
  if (installed) return console.error(`setup: Chromium at ${installed}`);
  throw new UserError('setup: could not install Chromium: install it yourself and set CHROMIUM_PATH=/path/to/chromium');
}

try {
  main();
} catch (error) {
  console.error(error instanceof UserError ? error.message : String(error));
  process.exit(2);
}
