#!/usr/bin/env node
/**
 * The package's command, `npx mutation-bench …`: a subcommand (setup, comment, compare, report), or else a
 * benchmark run with every argument (`npm run bench -- …`), after making sure a Chromium is there as `npm run
 * bench`'s prebench does. The commands are TypeScript, run through tsx (a dependency), and read their arguments
 * from process.argv.slice(2): the subcommand's own arguments are put there, and its file in process.argv[1], before
 * it is imported. Each command ends the process with its exit code (runner/core/errors.ts EXIT).
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register as registerCommonJs } from 'tsx/cjs/api';
import { register } from 'tsx/esm/api';

/** This package's root, wherever it is installed: the commands' tsconfig is its own, never the caller's project's. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const SUBCOMMANDS = {
  setup: 'setup.ts',
  comment: 'comment.ts',
  compare: 'compare.ts',
  report: 'report.ts',
};

const HELP = `mutation-bench [options]             measure (npm run bench; --config FILE measures your own app)
mutation-bench setup                 make sure a Chromium is there (run before every measurement)
mutation-bench comment --run DIR     a duet's pull-request comment (--post: add or update it; --help)
mutation-bench compare A B           compare two run folders (--help)
mutation-bench report DIR            render a run folder's report again
`;

register({ tsconfig: path.join(ROOT, 'tsconfig.json') });
// A user's mutation-bench.config.ts in a CommonJS package (no "type": "module") is loaded through require's hook.
registerCommonJs();

/** Runs commands/<file> as if it had been started with `args`. */
async function runCommand(file, args) {
  const script = path.join(ROOT, 'commands', file);
  process.argv = [process.argv[0], script, ...args];
  await import(pathToFileURL(script).href);
}

/** commands/setup.ts, from this package's root: it installs Playwright's Chromium with this package's playwright-core. */
async function setup() {
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    await runCommand(SUBCOMMANDS.setup, []);
  } finally {
    process.chdir(cwd);
  }
}

const [first, ...rest] = process.argv.slice(2);
if (first === 'setup') {
  await setup();
} else if (first !== undefined && Object.hasOwn(SUBCOMMANDS, first)) {
  await runCommand(SUBCOMMANDS[first], rest);
} else {
  const args = process.argv.slice(2);
  if (args.includes('--help')) process.stdout.write(`${HELP}\n`);
  else await setup();
  await runCommand('bench.ts', args);
}
