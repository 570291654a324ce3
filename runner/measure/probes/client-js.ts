import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { waitForHydration } from '../browser/session';
import { scenarioById, variantPath, variantsOf } from '../../scenarios';

export interface ClientJsRow {
  scenario: string;
  variant: string;
  scripts: number;
  /** Decoded bytes of every script the page loaded. */
  rawBytes: number;
  /** The same, each script gzipped (zlib level 6, as Next's compression): what a compressed transfer carries. */
  gzipBytes: number;
  files: { path: string; rawBytes: number; gzipBytes: number }[];
}

/**
 * C10: the JavaScript each variant's page loads in Chromium, the cache disabled (every page loads everything it
 * needs, as on a first visit), until its load event (every script the HTML names) and hydration. A chunk loaded
 * on demand later would not be counted; these pages load none. One page navigates from variant to variant: a
 * fresh context per page, waiting for network idle, cost 8 s of the default run on 2 cores; this costs 4.
 */
export async function measureClientJs(
  browser: Browser,
  origin: string,
  scenarioIds: readonly string[],
  timeoutMs: number,
): Promise<ClientJsRow[]> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(timeoutMs);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    let bodies: Promise<{ path: string; body: Buffer }>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      bodies.push(response.body().then((body) => ({ path: new URL(response.url()).pathname, body })));
    });
    const rows: ClientJsRow[] = [];
    for (const scenario of scenarioIds) {
      for (const variant of variantsOf(scenarioById(scenario))) {
        bodies = [];
        await page.goto(`${origin}${variantPath(scenario, variant)}?scope=clientjs`, { waitUntil: 'load' });
        await waitForHydration(page);
        const files = (await Promise.all(bodies))
          .map(({ path, body }) => ({ path, rawBytes: body.length, gzipBytes: gzipSync(body, { level: 6 }).length }))
          .sort((a, b) => a.path.localeCompare(b.path));
        rows.push({
          scenario,
          variant,
          scripts: files.length,
          rawBytes: files.reduce((sum, file) => sum + file.rawBytes, 0),
          gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0),
          files,
        });
      }
    }
    return rows;
  } finally {
    await context.close();
  }
}
