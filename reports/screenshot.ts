import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium, requireChromium } from '../runner/browser/chromium';
import { UserError } from '../runner/errors';
import { readResults } from '../runner/results/store';

/**
 * npm run report:screenshot -- <run folder> [--out file.png]: the report's first screen as a reader sees it on a
 * laptop (1280 x 800), taken with the benchmark's own Chromium: what README shows.
 */
async function main(args: string[]): Promise<string> {
  const { values, positionals } = parseArgs({ args, options: { out: { type: 'string' } }, allowPositionals: true });
  if (positionals.length !== 1)
    throw new UserError('usage: npm run report:screenshot -- reports/runs/<run-id> [--out first-screen.png]');
  const dir = path.resolve(positionals[0]!);
  readResults(dir);
  const out = path.resolve(values.out ?? path.join(dir, 'first-screen.png'));
  const browser = await launchChromium(requireChromium(), { deferAfterInput: false });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`file://${path.join(dir, 'index.html')}`);
    await page.screenshot({ path: out });
  } finally {
    await browser.close();
  }
  return out;
}

main(process.argv.slice(2)).then(
  (out) => console.log(`Screenshot: ${path.relative(process.cwd(), out)}`),
  (error: unknown) => {
    const known = error instanceof UserError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    console.error(`mutation-bench: ${known ? (error as Error).message : (error as Error).stack}`);
    process.exit(known ? 2 : 1);
  },
);
