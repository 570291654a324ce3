import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { waitForHydration } from '../browser/session';
import { scenarioById, variantPath, variantsOf } from '../scenarios';

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
 * C10: the JavaScript each variant's page loads in Chromium, from a fresh context (no cache), until it has
 * hydrated and the network is idle. Scripts loaded later on demand (none in these fixtures) would not be counted.
 */
export async function measureClientJs(browser: Browser, origin: string, scenarioIds: readonly string[], timeoutMs: number): Promise<ClientJsRow[]> {
  const pages = scenarioIds.flatMap((scenario) => variantsOf(scenarioById(scenario)).map((variant) => ({ scenario, variant })));
  // Byte counts do not depend on timing: the pages load side by side.
  return Promise.all(pages.map(({ scenario, variant }) => pageScripts(browser, origin, scenario, variant, timeoutMs)));
}

async function pageScripts(browser: Browser, origin: string, scenario: string, variant: string, timeoutMs: number): Promise<ClientJsRow> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(timeoutMs);
    const bodies: Promise<{ path: string; body: Buffer }>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      bodies.push(response.body().then((body) => ({ path: new URL(response.url()).pathname, body })));
    });
    await page.goto(`${origin}${variantPath(scenario, variant)}?scope=clientjs`, { waitUntil: 'networkidle' });
    await waitForHydration(page);
    const files = (await Promise.all(bodies))
      .map(({ path, body }) => ({ path, rawBytes: body.length, gzipBytes: gzipSync(body, { level: 6 }).length }))
      .sort((a, b) => a.path.localeCompare(b.path));
    return {
      scenario,
      variant,
      scripts: files.length,
      rawBytes: files.reduce((sum, file) => sum + file.rawBytes, 0),
      gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0),
      files,
    };
  } finally {
    await context.close();
  }
}
