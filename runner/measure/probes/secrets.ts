import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { APP_DIR, PLANTED_SECRET } from '../fixture/app-server';
import { waitForHydration } from '../browser/session';

export interface SecretsProbe {
  /** The build's client output (.next/static): files and bytes scanned, and the files holding the secret. */
  clientFiles: { scanned: number; bytes: number; containing: string[] };
  /** Every response the browser received on the probe page, its action call included (decoded bodies). */
  browser: { responses: number; bytes: number; containing: string[] };
  /** The secret was really in use: the action's and the route's signatures match one made with it. */
  actionUsedSecret: boolean;
  routeUsedSecret: boolean;
  /** The control: the action's signature (a value only its response carries) was found in what the browser received. */
  signatureSeen: boolean;
}

/** Files under `dir` whose bytes contain `needle` (paths relative to dir), with how many files and bytes were read. */
export function filesContaining(dir: string, needle: string): { scanned: number; bytes: number; containing: string[] } {
  const result = { scanned: 0, bytes: 0, containing: [] as string[] };
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const bytes = fs.readFileSync(full);
        result.scanned++;
        result.bytes += bytes.length;
        if (bytes.includes(needle)) result.containing.push(path.relative(dir, full));
      }
    }
  };
  walk(dir);
  return result;
}

const signature = (text: string) => createHmac('sha256', PLANTED_SECRET).update(text).digest('hex');

/** C13: the planted server-only secret against the client build output and everything the browser loaded. */
export async function probeSecrets(
  browser: Browser,
  origin: string,
  timeoutMs: number,
  appDir = APP_DIR,
): Promise<SecretsProbe> {
  const clientFiles = filesContaining(path.join(appDir, '.next', 'static'), PLANTED_SECRET);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(timeoutMs);
    // Every response passes through the probe whole: CDP does not keep every streamed body (the action's RSC
    // stream was missing from response.body() in about 1 of 3 runs), an interception sees each one.
    const received: Buffer[] = [];
    await page.route('**/*', async (route) => {
      const response = await route.fetch();
      const body = await response.body();
      received.push(body);
      await route.fulfill({ response, body });
    });
    await page.goto(`${origin}/probe/secret`, { waitUntil: 'networkidle' });
    await waitForHydration(page);
    await page.getByRole('button', { name: 'Sign' }).click();
    const output = page.locator('output[aria-label="signature"]');
    await output.filter({ hasText: /^[0-9a-f]{64}$/ }).waitFor();
    const shown = await output.textContent();
    await page.waitForLoadState('networkidle');
    const route = (await (
      await fetch(`${origin}/api/probe/secret`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'c13' }),
        signal: AbortSignal.timeout(timeoutMs),
      })
    ).json()) as { signature: string };
    return {
      clientFiles,
      browser: {
        responses: received.length,
        bytes: received.reduce((sum, body) => sum + body.length, 0),
        containing: received.flatMap((body, index) => (body.includes(PLANTED_SECRET) ? [`response ${index + 1}`] : [])),
      },
      actionUsedSecret: shown === signature('c13'),
      routeUsedSecret: route.signature === signature('c13'),
      signatureSeen: received.some((body) => body.includes(signature('c13'))),
    };
  } finally {
    await context.close();
  }
}
