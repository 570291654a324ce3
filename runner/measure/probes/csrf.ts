import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { counterValue } from '../fixture/read-database';
import { actionId, callAction } from './action-request';

/** Where a request came from: another site's Origin, `Origin: null` (sandboxed frames, some redirects), none, or a real page of another origin. */
export type CsrfOrigin = 'foreign' | 'null' | 'none' | 'cross-site form';

export interface CsrfRow {
  /** The Route Handler's path names which route: the fixture's plain one or a control with an Origin check. */
  transport: 'action' | 'route';
  path: string;
  origin: CsrfOrigin;
  status: number | null;
  /** The mutation reached the database: the request was accepted, whatever its status. */
  persisted: boolean;
}

const FOREIGN_ORIGIN = 'http://attacker.example';

const escapeAttribute = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll("'", '&#39;').replaceAll('<', '&lt;');

/**
 * The page another site would serve: a form that posts itself to the fixture on load. For the action, the fields
 * Next renders into a form bound to an action; for a Route Handler that parses JSON, the text/plain trick that
 * makes a form body parse as JSON (a form needs no CORS preflight, a fetch with a JSON content type does).
 */
function attackPage(target: string, fields: { name: string; value: string }[], enctype: string): string {
  const inputs = fields
    .map(({ name, value }) => `<input type="hidden" name="${escapeAttribute(name)}" value="${escapeAttribute(value)}">`)
    .join('');
  return `<!doctype html><form id="f" method="POST" action="${escapeAttribute(target)}" enctype="${enctype}">${inputs}</form><script>document.getElementById('f').submit()</script>`;
}

/**
 * C5: the counter action and Route Handlers each sent a mutation from a foreign Origin, `Origin: null` and no
 * Origin by a plain HTTP client, and by a real cross-site form in Chromium from a page on another loopback port.
 * Each row says whether the mutation reached the database.
 */
export async function probeCsrf(options: {
  browser: Browser;
  origin: string;
  dbPath: string;
  timeoutMs: number;
  routePaths?: string[];
  appDir?: string;
}): Promise<CsrfRow[]> {
  const { browser, origin, dbPath, timeoutMs } = options;
  const routePaths = options.routePaths ?? ['/api/counter', '/api/probe/csrf-protected'];
  const run = Date.now().toString(36);
  let next = 0;
  const scope = () => `csrf-${run}-${next++}`;
  const rows: CsrfRow[] = [];
  const originHeader = (kind: CsrfOrigin): Record<string, string> =>
    kind === 'foreign' ? { origin: FOREIGN_ORIGIN } : kind === 'null' ? { origin: 'null' } : {};
  const fetchKinds: CsrfOrigin[] = ['foreign', 'null', 'none'];

  const incrementId = actionId('app/counter/actions.ts', 'incrementAction', options.appDir);
  for (const kind of fetchKinds) {
    const target = scope();
    const response = await callAction(origin, '/counter/action', incrementId, [target], originHeader(kind));
    await response.arrayBuffer();
    rows.push({
      transport: 'action',
      path: '/counter/action',
      origin: kind,
      status: response.status,
      persisted: counterValue(dbPath, target) > 0,
    });
  }
  for (const path of routePaths) {
    for (const kind of fetchKinds) {
      const target = scope();
      const response = await fetch(`${origin}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...originHeader(kind) },
        body: JSON.stringify({ scope: target }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.arrayBuffer();
      rows.push({
        transport: 'route',
        path,
        origin: kind,
        status: response.status,
        persisted: counterValue(dbPath, target) > 0,
      });
    }
  }

  // The real thing: a page of another origin (another loopback port) whose form posts itself to the fixture.
  const pages = new Map<string, string>();
  const attacker = http.createServer((request, response) => {
    const page = pages.get(request.url ?? '');
    response.writeHead(page ? 200 : 404, { 'content-type': 'text/html' }).end(page ?? 'not found');
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  const attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
  const context = await browser.newContext();
  try {
    const formId = actionId('app/probe/csrf/actions.ts', 'incrementFromForm', options.appDir);
    const targets = [
      {
        transport: 'action' as const,
        path: '/probe/csrf',
        fields: (s: string) => [
          { name: `$ACTION_ID_${formId}`, value: '' },
          { name: 'scope', value: s },
        ],
        enctype: 'multipart/form-data',
      },
      ...routePaths.map((path) => ({
        transport: 'route' as const,
        path,
        fields: (s: string) => [{ name: `{"scope":"${s}","pad":"`, value: '"}' }],
        enctype: 'text/plain',
      })),
    ];
    for (const [index, { transport, path, fields, enctype }] of targets.entries()) {
      const target = scope();
      pages.set(`/attack-${index}`, attackPage(`${origin}${path}`, fields(target), enctype));
      const page = await context.newPage();
      page.setDefaultTimeout(timeoutMs);
      const answered = page.waitForResponse(
        (response) => response.request().method() === 'POST' && response.url().startsWith(`${origin}${path}`),
      );
      await page.goto(`${attackerOrigin}/attack-${index}`);
      const response = await answered;
      rows.push({
        transport,
        path,
        origin: 'cross-site form',
        status: response.status(),
        persisted: counterValue(dbPath, target) > 0,
      });
      await page.close();
    }
  } finally {
    await context.close();
    await new Promise((resolve) => attacker.close(resolve));
  }
  return rows;
}
