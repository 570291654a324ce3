import type { Browser, Page } from 'playwright-core';

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
