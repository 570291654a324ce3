import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import type { CsrfOrigin } from '../../contract/results';
import { counterValue } from '../fixture/read-database';
import { actionId, actionRequest } from './action-request';

export interface CsrfRow {
  /** The Route Handler's path names which route: the fixture's plain one or a control with an Origin check. */
  transport: 'action' | 'route';
  path: string;
  origin: CsrfOrigin;
  status: number | null;
  /** The mutation reached the database: the request was accepted, whatever its status. */
  persisted: boolean;
}

const FOREIGN_HOST = 'attacker.example';
const FOREIGN_ORIGIN = `http://${FOREIGN_HOST}`;

/**
 * The headers each shape a plain HTTP client sends sets. Next's check (action-handler.ts in Next 16.5) reads the
 * Origin with `new URL(origin).host`, takes a missing or empty host as no Origin, and compares the host with
 * x-forwarded-host when set, else with Host; these shapes probe each of those steps.
 */
const CLIENT_HEADERS: Record<Exclude<CsrfOrigin, 'cross-site form'>, Record<string, string>> = {
  foreign: { origin: FOREIGN_ORIGIN },
  // Sandboxed frames and some redirects send it.
  null: { origin: 'null' },
  none: {},
  // A scheme and no host, as a client filling the header from an empty variable sends: no URL parses from it, so the
  // row shows whether a check that throws fails closed.
  malformed: { origin: 'http://' },
  // A host and port without a scheme parse as a URL whose scheme is the host and whose host is empty.
  'scheme-less': { origin: `${FOREIGN_HOST}:80` },
  // A client that lies about Host (no browser can set it): the Origin's host then matches it.
  'spoofed host': { origin: FOREIGN_ORIGIN, host: FOREIGN_HOST },
  // A proxy passing the client's x-forwarded-host through: Next compares with it before Host.
  'forwarded host': { origin: FOREIGN_ORIGIN, 'x-forwarded-host': FOREIGN_HOST },
};
const CLIENT_SHAPES = Object.keys(CLIENT_HEADERS) as (keyof typeof CLIENT_HEADERS)[];

/** A POST's status: through node:http when it sets Host (fetch, undici, forbids that header), else through fetch. */
async function post(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<number> {
  if (!('host' in headers)) {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
    return response.status;
  }
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response) => {
        response.resume().on('end', () => resolve(response.statusCode!));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

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
 * C5: the counter action and Route Handlers each sent a mutation by a plain HTTP client in every shape of
 * CLIENT_HEADERS, and by a real cross-site form in Chromium from a page on another loopback port. Each row says
 * whether the mutation reached the database.
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

  const incrementId = actionId('app/counter/actions.ts', 'incrementAction', options.appDir);
  const clientTargets = [
    { transport: 'action' as const, path: '/counter/action', request: (s: string) => actionRequest(incrementId, [s]) },
    ...routePaths.map((path) => ({
      transport: 'route' as const,
      path,
      request: (s: string) => ({
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ scope: s }),
      }),
    })),
  ];
  for (const { transport, path, request } of clientTargets) {
    for (const kind of CLIENT_SHAPES) {
      const target = scope();
      const { headers, body } = request(target);
      const status = await post(`${origin}${path}`, { ...headers, ...CLIENT_HEADERS[kind] }, body, timeoutMs);
      rows.push({ transport, path, origin: kind, status, persisted: counterValue(dbPath, target) > 0 });
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
