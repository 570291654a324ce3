import { createRequire } from 'node:module';
import path from 'node:path';
import type AxeCore from 'axe-core';
import type { Browser, Page } from 'playwright-core';

/** axe-core's browser build, beside its package entry. */
const AXE = path.join(path.dirname(createRequire(import.meta.url).resolve('axe-core')), 'axe.min.js');

/**
 * Opens a self-contained page from disk at a laptop's 1280 x 800, collecting what it must never do: log a console
 * error, throw, or request anything but a file.
 */
export async function openOnLaptop(browser: Browser, file: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems: string[] = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('request', (request) => !request.url().startsWith('file://') && problems.push(`request ${request.url()}`));
  await page.goto(`file://${file}`);
  return { page, problems };
}

/** Per canvas, whether Chart.js drew into it: one equal to a blank canvas of its size would mean nothing was drawn. */
export function canvasesDrawn(page: Page): Promise<boolean[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('canvas')).map((canvas) => {
      const blank = document.createElement('canvas');
      blank.width = canvas.width;
      blank.height = canvas.height;
      return canvas.toDataURL() !== blank.toDataURL();
    }),
  );
}

/** What scrolls sideways at the viewport's width: the page itself, or a table inside its wrapper. */
export function tooWide(page: Page): Promise<string[]> {
  return page.evaluate(() => [
    ...(document.documentElement.scrollWidth > window.innerWidth
      ? [`the page: ${document.documentElement.scrollWidth} px`]
      : []),
    ...Array.from(document.querySelectorAll('table'))
      .filter((table) => table.scrollWidth > table.parentElement!.clientWidth + 1)
      .map((table) => `a table of ${table.scrollWidth} px: ${table.querySelector('tr')?.textContent?.slice(0, 60)}`),
  ]);
}

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  count: number;
  nodes: { target: string; summary: string }[];
}

/** axe-core injected into the page, WCAG 2.0 A and AA and 2.1 AA rules: the violations it finds (the first 5 elements of each). */
export async function axeViolations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const { axe } = window as unknown as { axe: typeof AxeCore };
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      count: v.nodes.length,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: String(n.target), summary: n.failureSummary ?? '' })),
    }));
  });
}
