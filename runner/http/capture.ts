import type { Browser } from 'playwright-core';
import { waitForHydration } from '../browser/session';
import { FixtureError } from '../errors';
import { scenarioById, variantPath } from '../scenarios';

/**
 * The page-load scope the capture runs under. Replay swaps it, in request bodies only, for a fresh scope of the
 * same length per interaction: every replayed mutation lands in rows of its own (so acknowledged and persisted
 * mutations can be counted exactly), while URLs and the router-state header keep this scope, so every replayed
 * page render is the same size as the captured one.
 */
export const CAPTURE_SCOPE = 'capture0000';

/** Request headers never replayed: the load generator sets its own. */
const DROPPED_HEADERS = new Set(['host', 'content-length', 'connection', 'cookie']);

/** `text/x-component; charset=utf-8` -> `text/x-component`: what capture records and replay compares. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim();
}

export interface CapturedRequest {
  method: string;
  /** Path and query, as the browser sent them. */
  path: string;
  headers: Record<string, string>;
  /** utf8 body; null for none. */
  body: string | null;
  /** What the browser got back: replay validates against it. */
  expect: { status: number; contentType: string; actionRevalidated: string | null };
}

export interface Capture {
  scenario: string;
  variant: string;
  requests: CapturedRequest[];
}

/** Drives one interaction of a variant in Chromium and records every request it sends, in order. */
export async function captureInteraction(browser: Browser, origin: string, scenarioId: string, variant: string): Promise<Capture> {
  const scenario = scenarioById(scenarioId);
  const page = await browser.newPage();
  try {
    await page.goto(`${origin}${variantPath(scenarioId, variant)}?scope=${CAPTURE_SCOPE}`);
    await waitForHydration(page);
    const spec = await scenario.prepare(page, `${CAPTURE_SCOPE}-0`);
    const sent: import('playwright-core').Request[] = [];
    page.on('request', (request) => sent.push(request));
    await spec.trigger.click();
    await page.waitForFunction(
      ({ selector, text }) => Array.from(document.querySelectorAll(selector)).some((element) => element.textContent?.trim() === text),
      spec.expect,
      { timeout: 10_000 },
    );
    await page.waitForLoadState('networkidle');
    if (sent.length === 0) throw new FixtureError(`${scenarioId}/${variant}: the interaction sent no request to capture`);
    return {
      scenario: scenarioId,
      variant,
      requests: await Promise.all(
        sent.map(async (request): Promise<CapturedRequest> => {
          const response = await request.response();
          if (!response) throw new FixtureError(`${scenarioId}/${variant}: ${request.method()} ${request.url()} got no response`);
          const url = new URL(request.url());
          const headers = Object.fromEntries(
            Object.entries(await request.allHeaders()).filter(([name]) => !DROPPED_HEADERS.has(name) && !name.startsWith(':')),
          );
          const responseHeaders = await response.allHeaders();
          return {
            method: request.method(),
            path: url.pathname + url.search,
            headers,
            body: request.postDataBuffer()?.toString('utf8') ?? null,
            expect: {
              status: response.status(),
              contentType: mediaType(responseHeaders['content-type']),
              actionRevalidated: responseHeaders['x-action-revalidated'] ?? null,
            },
          };
        }),
      ),
    };
  } finally {
    await page.close();
  }
}
