import fs from 'node:fs';
import { errors, type Browser, type Request } from 'playwright-core';
import { z } from 'zod';
import { requestName } from '../browser/network-log';
import { waitForHydration } from '../browser/session';
import { FixtureError, UserError } from '../../core/errors';
import { describeShown, type Scenario } from '../../scenarios';
import { prepareInteraction } from '../browser/steps';
import { interactionLabel } from '../../core/scopes';
import { BuildInfoSchema } from './target';
import type { MeasureFailure } from '../../contract/records';

/** Request headers never replayed: the load generator sets its own. The capture keeps them (the HAR export shows them). */
export const UNREPLAYED_HEADERS = new Set(['host', 'content-length', 'connection', 'cookie']);

/** After the expected requests have finished, this long with no new request ends the capture. */
const QUIET_MS = 300;

/** `text/x-component; charset=utf-8` -> `text/x-component`: what capture records and replay compares. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim();
}

const CapturedRequestSchema = z.object({
  method: z.string(),
  /** Path and query, as the browser sent them. */
  path: z.string(),
  /** Every header the browser sent, lower-case names (replay leaves out UNREPLAYED_HEADERS). */
  headers: z.record(z.string(), z.string()),
  /** utf8 body; null for none. */
  body: z.string().nullable(),
  /** What the browser got back: replay validates against it. */
  expect: z.object({ status: z.number().int(), contentType: z.string(), actionRevalidated: z.string().nullable() }),
  /** When it was sent, and what came back as Chromium saw it: the HAR export's timings and response. */
  sentAt: z.string(),
  timing: z.object({ waitMs: z.number(), receiveMs: z.number() }),
  /** bodyBytes: decoded body length; null when Chromium had already dropped the body (it keeps bodies only so long). */
  response: z.object({
    statusText: z.string(),
    headers: z.record(z.string(), z.string()),
    bodyBytes: z.number().int().nullable(),
  }),
});
export type CapturedRequest = z.infer<typeof CapturedRequestSchema>;

const CaptureSchema = z.object({
  scenario: z.string(),
  variant: z.string(),
  /**
   * The page-load scope the capture ran under (its own per variant, so one variant's earlier capture cannot make
   * the next one's page show its value already). Replay swaps it, in request bodies only, for a fresh scope of the
   * same length per interaction: every replayed mutation lands in rows of its own, while URLs and the router-state
   * header keep this scope, so every replayed page render is the same size as the captured one.
   */
  scope: z.string(),
  requests: z.array(CapturedRequestSchema),
});
export type Capture = z.infer<typeof CaptureSchema>;

/** capture.json: a run's captures, where they were captured and from which build (exports and replays check it). */
export const CaptureFileSchema = z.object({
  origin: z.string(),
  build: BuildInfoSchema,
  /** The run's scope tag ('' for a local fixture, whose database is new each run). */
  scopeTag: z.string(),
  chromiumVersion: z.string(),
  captures: z.array(CaptureSchema),
});
export type CaptureFile = z.infer<typeof CaptureFileSchema>;

/** Reads a run's capture.json; missing or not a capture file: a UserError naming it. */
export function readCaptureFile(file: string): CaptureFile {
  if (!fs.existsSync(file))
    throw new UserError(
      `${file} does not exist: pass a run folder whose HTTP suite ran (npm run bench -- --suite http)`,
    );
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UserError(
      `${file} is not valid JSON (${(error as Error).message}): capture again with npm run bench -- --suite http`,
    );
  }
  const parsed = CaptureFileSchema.safeParse(raw);
  if (!parsed.success)
    throw new UserError(
      `${file} is not a capture file of this version (${parsed.error.issues[0]!.path.join('.')}): capture again with npm run bench -- --suite http`,
    );
  return parsed.data;
}

/** Why a capture cannot stand for its variant's interaction, or null. */
export function captureProblem(capture: Capture, expectedRequests: number, measuredInBrowser?: number): string | null {
  const where = `${capture.scenario}/${capture.variant}`;
  const sequence = capture.requests.map((r) => `${r.method} ${r.path.split('?')[0]}`).join(', ') || 'none';
  if (capture.requests.length !== expectedRequests) {
    return `${where}: the capture holds ${capture.requests.length} request(s) (${sequence}), the interaction sends ${expectedRequests}`;
  }
  if (measuredInBrowser !== undefined && measuredInBrowser !== capture.requests.length) {
    return `${where}: the capture holds ${capture.requests.length} request(s) (${sequence}), the browser measured ${measuredInBrowser} per interaction`;
  }
  if (!capture.requests.some((request) => request.body?.includes(capture.scope)))
    return `${where}: no captured request carries the scope ${capture.scope}`;
  return null;
}

/**
 * Which captures may be replayed: a capture that cannot stand for its interaction (captureProblem, against the
 * catalogue's request count and the browser's measured one) is not replayed and becomes a failure of the run.
 */
export function admitCaptures(
  captures: readonly Capture[],
  expectedRequests: (scenario: string, variant: string) => number,
  measuredInBrowser: (scenario: string, variant: string) => number | undefined,
): { admitted: Capture[]; failures: MeasureFailure[] } {
  const admitted: Capture[] = [];
  const failures: MeasureFailure[] = [];
  for (const capture of captures) {
    const { scenario, variant } = capture;
    const problem = captureProblem(capture, expectedRequests(scenario, variant), measuredInBrowser(scenario, variant));
    if (problem) failures.push({ stage: 'capture', scenario, variant, message: problem });
    else admitted.push(capture);
  }
  return { admitted, failures };
}

/**
 * Drives one interaction of a variant in Chromium and records every request it sends, in order. It settles by
 * count: the catalogue's requests per interaction must have been sent and answered, then a quiet spell must pass
 * with no more. A capture short of its requests (a route-refresh without its GET) would replay as a valid cell
 * twice as fast, so it is returned as it is and judged by captureProblem.
 */
export async function captureInteraction(
  browser: Browser,
  origin: string,
  scenario: Scenario,
  variant: string,
  scope: string,
  timeoutMs: number,
): Promise<Capture> {
  const scenarioId = scenario.id;
  const expected = scenario.expectedRequests[variant] ?? 1;
  const page = await browser.newPage();
  page.setDefaultTimeout(timeoutMs);
  try {
    await page.goto(`${origin}${scenario.pages[variant]}?scope=${scope}`);
    await waitForHydration(page);
    const spec = await prepareInteraction(page, scenario.interactions[variant]!, interactionLabel(scope, 0));
    const sent: Request[] = [];
    const answered = new Set<Request>();
    let lastEventAt = performance.now();
    page.on('request', (request) => {
      sent.push(request);
      lastEventAt = performance.now();
    });
    const answer = (request: Request) => {
      answered.add(request);
      lastEventAt = performance.now();
    };
    page.on('requestfinished', answer);
    page.on('requestfailed', answer);
    await spec.trigger.click();
    await page
      .waitForFunction(
        (states) =>
          states.every(({ selector, text }) =>
            Array.from(document.querySelectorAll(selector)).some((element) => element.textContent?.trim() === text),
          ),
        spec.expect,
        { timeout: timeoutMs },
      )
      .catch((error: unknown) => {
        if (!(error instanceof errors.TimeoutError)) throw error;
        const unanswered = sent.filter((request) => !answered.has(request)).map(requestName);
        throw new FixtureError(
          `${scenarioId}/${variant}: the page did not show ${describeShown(spec.expect)} within ${timeoutMs} ms${unanswered.length ? ` (unanswered: ${unanswered.join(', ')})` : ''}`,
        );
      });
    const deadline = performance.now() + timeoutMs;
    const settled = () =>
      sent.length >= expected &&
      sent.every((request) => answered.has(request)) &&
      performance.now() - lastEventAt >= QUIET_MS;
    while (!settled() && performance.now() < deadline) await page.waitForTimeout(25);
    return {
      scenario: scenarioId,
      variant,
      scope,
      requests: await Promise.all(
        sent.map(async (request): Promise<CapturedRequest> => {
          const response = answered.has(request) ? await request.response() : null;
          if (!response)
            throw new FixtureError(
              `${scenarioId}/${variant}: ${request.method()} ${request.url()} got no response within ${timeoutMs} ms`,
            );
          const url = new URL(request.url());
          const headers = Object.fromEntries(
            Object.entries(await request.allHeaders()).filter(([name]) => !name.startsWith(':')),
          );
          const responseHeaders = await response.allHeaders();
          const timing = request.timing();
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
            sentAt: new Date(timing.startTime).toISOString(),
            // Phases Chromium did not report are -1: they count as 0.
            timing: {
              waitMs: Math.max(0, timing.responseStart - Math.max(0, timing.requestStart)),
              receiveMs: Math.max(0, timing.responseEnd - timing.responseStart),
            },
            response: {
              statusText: response.statusText(),
              headers: responseHeaders,
              bodyBytes: await response.body().then(
                (body) => body.length,
                () => null,
              ),
            },
          };
        }),
      ),
    };
  } finally {
    await page.close();
  }
}
