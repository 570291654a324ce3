import type { Browser } from 'playwright-core';
import { counterValue } from '../fixture/read-database';

export interface NoJsProbe {
  /** The status of the form's POST, and what the page it answered with showed. */
  status: number | null;
  countBefore: string | null;
  countAfter: string | null;
  persisted: boolean;
}

/**
 * C6, directly (until a nojs scenario exists): with JavaScript disabled, the fixture's form bound to an action
 * (bench-app/app/probe/csrf) is submitted; the mutation must persist and the answered page show it. Also C5's
 * control: the same form, same-origin, works, so a refused cross-site copy was refused for its origin.
 */
export async function probeNoJs(options: {
  browser: Browser;
  origin: string;
  dbPath: string;
  timeoutMs: number;
}): Promise<NoJsProbe> {
  const { browser, origin, dbPath, timeoutMs } = options;
  const scope = `nojs-${Date.now().toString(36)}`;
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(timeoutMs);
    await page.goto(`${origin}/probe/csrf?scope=${scope}`);
    const count = page.locator('output[aria-label="count"]');
    const countBefore = await count.textContent();
    const [response] = await Promise.all([
      page.waitForResponse((answer) => answer.request().method() === 'POST' && answer.request().isNavigationRequest()),
      page.getByRole('button', { name: 'Submit' }).click(),
    ]);
    await page.waitForLoadState('load');
    const persisted = counterValue(dbPath, scope) > 0;
    return { status: response.status(), countBefore, countAfter: await count.textContent(), persisted };
  } finally {
    await context.close();
  }
}
