import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { launchChromium, requireChromium } from '../runner/measure/browser/chromium';
import { UserError } from '../runner/core/errors';
import { readResults } from '../runner/contract/store';

/** What README's annotated screenshot points at, numbered in this order: a CSS selector each. */
export const ANNOTATIONS = [
  { selector: 'header .files', side: 'left', names: 'the files beside the report' },
  { selector: '#bottom-line h2', side: 'left', names: 'the bottom line' },
  { selector: '#bottom-line li:first-child a', side: 'right', names: "a sentence's evidence" },
  { selector: 'nav.toc', side: 'left', names: 'the contents' },
] as const;

/**
 * npm run report:screenshot -- <run folder> [--out file.png] [--annotate]: the report's first screen as a reader
 * sees it on a laptop (1280 x 800), taken with the benchmark's own Chromium: what README shows. --annotate numbers
 * the parts README's legend names (ANNOTATIONS).
 */
async function main(args: string[]): Promise<string> {
  const { values, positionals } = parseArgs({
    args,
    options: { out: { type: 'string' }, annotate: { type: 'boolean' } },
    allowPositionals: true,
  });
  if (positionals.length !== 1)
    throw new UserError(
      'usage: npm run report:screenshot -- reports/runs/<run-id> [--out first-screen.png] [--annotate]',
    );
  const dir = path.resolve(positionals[0]!);
  readResults(dir);
  const out = path.resolve(values.out ?? path.join(dir, 'first-screen.png'));
  const browser = await launchChromium(requireChromium(), { deferAfterInput: false });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`file://${path.join(dir, 'index.html')}`);
    if (values.annotate) await annotate(page);
    await page.screenshot({ path: out });
  } finally {
    await browser.close();
  }
  return out;
}

/** A numbered marker in the margin beside each annotated part; a part the page lacks is an error, not a gap. */
async function annotate(page: Page): Promise<void> {
  const missing = await page.evaluate((parts) => {
    const absent: string[] = [];
    parts.forEach(({ selector, side }, index) => {
      const target = document.querySelector(selector);
      if (!target) return absent.push(selector);
      const box = target.getBoundingClientRect();
      // In the margin beside a block; just after an inline link, where no text runs on.
      const left = side === 'left' ? Math.max(4, box.left - 34) : box.right + 6;
      const marker = document.createElement('div');
      marker.textContent = String(index + 1);
      marker.setAttribute(
        'style',
        `position:absolute;left:${left}px;top:${box.top + window.scrollY + box.height / 2 - 13}px;` +
          'width:26px;height:26px;border-radius:13px;background:#b00020;color:#fff;font:700 15px/26px system-ui;' +
          'text-align:center;box-shadow:0 0 0 3px #fff',
      );
      document.body.append(marker);
    });
    return absent;
  }, ANNOTATIONS);
  if (missing.length) throw new Error(`the report has no ${missing.join(', ')} to annotate`);
}

main(process.argv.slice(2)).then(
  (out) => console.log(`Screenshot: ${path.relative(process.cwd(), out)}`),
  (error: unknown) => {
    const known = error instanceof UserError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    console.error(`mutation-bench: ${known ? (error as Error).message : (error as Error).stack}`);
    process.exit(known ? 2 : 1);
  },
);
