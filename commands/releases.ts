import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { UserError } from '../runner/core/errors';
import { releaseCheck, releaseCheckOutputs } from '../reports/releases';
import { PUBLISHED_DIR, publishedRuns } from './publish';

/** Every version of next the npm registry publishes, canaries included (`npm view next versions`). */
export function registryVersions(): string[] {
  return JSON.parse(execFileSync('npm', ['view', 'next', 'versions', '--json'], { encoding: 'utf8' })) as string[];
}

/**
 * `npm run releases -- check`: whether the newest patch of every tracked Next line (`--next lines`) has a published
 * version-matrix run in `publishedDir` (restored from the site first: `npm run site -- restore`), as `key=value`
 * lines. The registry is asked through `versions`, which a test replaces.
 */
export function checkReleases(publishedDir: string, versions: () => readonly string[] = registryVersions): string[] {
  const check = releaseCheck(versions(), publishedRuns(publishedDir));
  if (check.versions.length === 0) throw new UserError('the npm registry lists no stable release of next to track');
  return releaseCheckOutputs(check);
}

const USAGE = `usage: npm run releases -- check [--dir reports/published]

check: print measure=true|false, version=<the newest release> and unmeasured=<versions> (the newest patch of each
       tracked line that no published version-matrix run has measured), and append them to $GITHUB_OUTPUT when set`;

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  try {
    const { values, positionals } = parseArgs({
      args: process.argv.slice(2),
      options: { dir: { type: 'string' } },
      allowPositionals: true,
    });
    if (positionals.length !== 1 || positionals[0] !== 'check') throw new UserError(USAGE);
    const lines = checkReleases(path.resolve(values.dir ?? PUBLISHED_DIR));
    console.log(lines.join('\n'));
    // The workflow reads the answer as the step's outputs.
    if (process.env.GITHUB_OUTPUT) fs.appendFileSync(process.env.GITHUB_OUTPUT, `${lines.join('\n')}\n`);
  } catch (error) {
    const known = error instanceof UserError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    console.error(`mutation-bench: ${known ? (error as Error).message : (error as Error).stack}`);
    process.exit(known ? 2 : 1);
  }
}
