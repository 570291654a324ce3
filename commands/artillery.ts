import { spawn } from 'node:child_process';
import { runMain } from '../runner/core/cleanup';
import { ARTILLERY_ENV, ensureArtillery } from '../runner/measure/tools/artillery';

/** npm run artillery -- <artillery arguments>: the pinned Artillery, installed on first use. */
async function main(argv: string[]): Promise<number> {
  const bin = await ensureArtillery((line) => console.error(line));
  const child = spawn(process.execPath, [bin, ...argv], { stdio: 'inherit', env: ARTILLERY_ENV });
  return new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? (signal === 'SIGINT' ? 130 : 1))),
  );
}

runMain('mutation-bench artillery', () => main(process.argv.slice(2)));
