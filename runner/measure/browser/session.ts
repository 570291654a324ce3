import { fileURLToPath } from 'node:url';
import { errors, type Browser, type ElementHandle, type Page } from 'playwright-core';
import { DEFAULT_TIMEOUT_MS } from '../../core/config';
import { FixtureError, InteractionError } from '../../core/errors';
import { prepareInteraction } from './steps';
import { withTimeout } from '../../core/timeout';
import { startRttProxy, type RttProxy } from '../net/rtt-proxy';
import type { Bandwidth } from '../../contract/results';
import { describeShown, type InteractionSpec, type Scenario } from '../../scenarios';
import { NetworkLog, describeRequest, requestsInWords } from './network-log';
import { countRoundTrips } from './request-log';
import type { RequestRecord } from '../../contract/results';

const PROBE_SCRIPT = fileURLToPath(new URL('./in-page/probe.js', import.meta.url));
/** How long past its own timeout the probe may take to answer before the page counts as hung. */
const PROBE_GRACE_MS = 5000;

export interface InteractionResult {
  /** The click's input time (event.timeStamp, as Event Timing and INP) to the DOM showing the expected value. */
  latencyMs: number;
  /** The same from the capture-phase click listener: latencyMs minus the input delay. */
  listenerLatencyMs: number;
  /** Input time to the click listener running. */
  inputDelayMs: number;
  /** Input time to the next animation frame after the end. */
  frameMs: number;
  /** Input time to each of the scenario's marks (the optimistic paint). */
  marksMs: Record<string, number>;
  requests: RequestRecord[];
  roundTrips: number;
  /** Bytes on the wire in each direction during the interaction, headers and chunk framing included (counted by the proxy). */
  wireBytes: { toServer: number; toClient: number };
  /** Connections opened during the interaction: each pays a handshake RTT the known answer does not include. */
  newConnections: number;
}

/** How an interaction ended: it committed (a sample), or every request of its design was answered and it never did. */
export type InteractionOutcome =
  | ({ committed: true } & InteractionResult)
  | {
      committed: false;
      waitedMs: number;
      requests: RequestRecord[];
      /** What it waited for, in words. */ expected: string;
    };

interface ProbeOutcome {
  timedOut: boolean;
  clicked: boolean;
  inputMs: number | null;
  startMs: number | null;
  endMs: number | null;
  frameMs: number | null;
  marks: Record<string, number>;
  timeOrigin: number;
}

type ProbeWindow = Window & {
  __mutationBench: {
    arm(trigger: Element, expect: unknown, marks: unknown): void;
    result(timeoutMs: number): Promise<ProbeOutcome>;
  };
};

/** The element an interaction clicks, or an InteractionError naming the trigger it did not find. */
export async function triggerElement(spec: InteractionSpec, timeoutMs: number): Promise<ElementHandle<Element>> {
  try {
    return (await spec.trigger.elementHandle({ timeout: timeoutMs })) as ElementHandle<Element>;
  } catch (error) {
    if (!(error instanceof errors.TimeoutError)) throw error;
    throw new InteractionError(
      'trigger',
      `the trigger ${String(spec.trigger)} was not on the page within ${timeoutMs} ms`,
    );
  }
}

/** Clicking before hydration would submit natively or do nothing; React marks hydrated nodes with __reactProps$. */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll('button')).every((button) =>
      Object.keys(button).some((key) => key.startsWith('__reactProps$')),
    ),
  );
}

/**
 * How RTT is emulated. `proxy`: the page talks to a loopback proxy that delays every chunk by rtt/2 each way
 * (netem-like, the default). `cdp`: Chromium's Network.emulateNetworkConditions, which only holds response
 * headers back until `latency` has passed since the request, so server time hides inside it. The page talks
 * through the proxy in both cases (at RTT 0 with cdp), because the proxy is where bytes on the wire are counted.
 */
export type RttEmulation = 'proxy' | 'cdp';

/** One browser page driven through scenario pages. */
export class BrowserSession {
  private readonly pageErrors: string[] = [];

  private constructor(
    readonly page: Page,
    private readonly network: NetworkLog,
    private readonly proxy: RttProxy,
    readonly setRtt: (rttMs: number) => Promise<void>,
    private readonly timeoutMs: number,
    /** false: a context with JavaScript disabled, where no probe runs and interactions are timed by navigation. */
    readonly javaScript: boolean,
  ) {
    page.on('pageerror', (error) => this.pageErrors.push(error.message));
  }

  /** `timeoutMs` bounds every wait on the page (navigation, hydration, requests): a hung server fails a cell, never the run. */
  static async open(
    browser: Browser,
    serverOrigin: string,
    emulation: RttEmulation,
    timeoutMs = DEFAULT_TIMEOUT_MS,
    javaScript = true,
  ): Promise<BrowserSession> {
    const context = await browser.newContext({ javaScriptEnabled: javaScript });
    const page = await context.newPage();
    page.setDefaultTimeout(timeoutMs);
    await page.addInitScript({ path: PROBE_SCRIPT });
    const network = new NetworkLog(page);
    const proxy = await startRttProxy(Number(new URL(serverOrigin).port));
    page.once(
      'close',
      () =>
        void proxy
          .close()
          .then(() => context.close())
          .catch(() => undefined),
    );
    if (emulation === 'proxy')
      return new BrowserSession(page, network, proxy, (rttMs) => proxy.setRtt(rttMs), timeoutMs, javaScript);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    return new BrowserSession(
      page,
      network,
      proxy,
      async (latency) => {
        await cdp.send('Network.emulateNetworkConditions', {
          offline: false,
          latency,
          downloadThroughput: -1,
          uploadThroughput: -1,
        });
      },
      timeoutMs,
      javaScript,
    );
  }

  /** Fails with the requests still unanswered after the timeout. */
  private async requireSettled(where: string): Promise<void> {
    const unanswered = await this.network.settled(this.timeoutMs);
    if (unanswered.length)
      throw new FixtureError(`${where}: ${unanswered.join(', ')} unanswered after ${this.timeoutMs} ms`);
  }

  /** Limits the link's rate in each direction (null: none). The RTT proxy emulates it in either RTT emulation. */
  async setBandwidth(bandwidth: Bandwidth | null): Promise<void> {
    await this.proxy.setBandwidth(bandwidth);
  }

  /**
   * Loads a page at RTT 0 and with no rate limit (page loads are not measured) and waits until React has hydrated
   * its buttons. The scope is a query parameter the fixture's pages partition their state by; other apps ignore it.
   */
  async load(pagePath: string, scope: string): Promise<void> {
    await this.setRtt(0);
    await this.setBandwidth(null);
    this.pageErrors.length = 0;
    const response = await this.page.goto(`${this.proxy.origin}${pagePath}?scope=${encodeURIComponent(scope)}`, {
      waitUntil: 'load',
    });
    if (response && response.status() >= 400)
      throw new FixtureError(`loading ${pagePath} answered ${response.status()}`);
    if (this.javaScript) await waitForHydration(this.page);
    await this.requireSettled(`loading ${pagePath}`);
  }

  /** The in-page probe times the click to the expected states (and the marks on the way). */
  private async timedByProbe(
    scenario: Scenario,
    spec: InteractionSpec,
    trigger: ElementHandle<Element>,
    click: () => Promise<void>,
    timeoutMs: number,
  ): Promise<ProbeOutcome> {
    try {
      await this.page.evaluate(
        ([element, expect, marks]) => (window as unknown as ProbeWindow).__mutationBench.arm(element, expect, marks),
        [trigger, spec.expect, spec.marks ?? {}] as const,
      );
    } catch (error) {
      throw new FixtureError(`${scenario.id} at ${this.page.url()}: ${(error as Error).message.split('\n')[0]}`);
    }
    // Ask for the result before clicking, so no evaluation lands on the page's main thread mid-interaction.
    const result = this.page.evaluate(
      (timeout) => (window as unknown as ProbeWindow).__mutationBench.result(timeout),
      timeoutMs,
    );
    // Awaited below; until then a closing page (Ctrl-C) must not make its rejection an unhandled one.
    result.catch(() => undefined);
    this.network.begin();
    await click();
    // The probe answers by its own timeout; a page whose main thread never yields again must not hang the run.
    return withTimeout(
      result,
      timeoutMs + PROBE_GRACE_MS,
      () =>
        new FixtureError(`${scenario.id}: the page did not answer the probe within ${timeoutMs + PROBE_GRACE_MS} ms`),
    );
  }

  /**
   * With JavaScript disabled no probe can run: the click submits a form and the browser navigates. The new
   * document's Navigation Timing times it, from the navigation's start (redirects included) to its
   * DOMContentLoaded, when its parsed DOM shows the expected states; the input delay is not observable here.
   */
  private async timedByNavigation(
    scenario: Scenario,
    spec: InteractionSpec,
    click: () => Promise<void>,
    timeoutMs: number,
  ): Promise<ProbeOutcome> {
    const shown = () =>
      this.page.evaluate(
        (states) =>
          states.every(({ selector, text }) =>
            Array.from(document.querySelectorAll(selector)).some((element) => element.textContent?.trim() === text),
          ),
        spec.expect,
      );
    if (await shown())
      throw new FixtureError(
        `${scenario.id} at ${this.page.url()}: the page already shows ${describeShown(spec.expect)} before the click`,
      );
    const loaded = this.page.waitForEvent('domcontentloaded', { timeout: timeoutMs }).then(
      () => true,
      () => false,
    );
    this.network.begin();
    await click();
    const navigated = await loaded;
    const timing = navigated
      ? await this.page.evaluate(() => {
          const [entry] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
          return { timeOrigin: performance.timeOrigin, domContentLoadedMs: entry!.domContentLoadedEventEnd };
        })
      : null;
    const ends = timing !== null && (await shown());
    return {
      timedOut: !ends,
      clicked: navigated,
      inputMs: 0,
      startMs: 0,
      endMs: ends ? timing.domContentLoadedMs : null,
      frameMs: ends ? timing.domContentLoadedMs : null,
      marks: {},
      timeOrigin: timing?.timeOrigin ?? 0,
    };
  }

  async interact(scenario: Scenario, variant: string, label: string, timeoutMs: number): Promise<InteractionOutcome> {
    const spec = await prepareInteraction(this.page, scenario.interactions[variant]!, label);
    await this.requireSettled(`${scenario.id} before the click`);
    const trigger = await triggerElement(spec, timeoutMs);
    const box = await trigger.boundingBox();
    if (!box) throw new FixtureError(`${scenario.id} at ${this.page.url()}: the trigger is not visible`);
    // A bare mouse click at a box measured beforehand: Playwright's click() would run actionability and
    // hit-target checks in the page right after the click, competing with the work being timed. The pointer
    // moves onto the trigger first, so hover restyling happens before the timed span too.
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const click = () => this.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const before = await this.proxy.counters();
    const outcome = this.javaScript
      ? await this.timedByProbe(scenario, spec, trigger, click, timeoutMs)
      : await this.timedByNavigation(scenario, spec, click, timeoutMs);
    const unanswered = await this.network.quiet(scenario.settleQuietMs ?? 0, timeoutMs);
    const captured = this.network.end();
    const where = `${scenario.id} at ${new URL(this.page.url()).pathname}`;
    const expected = describeShown(spec.expect);
    if (unanswered.length) {
      const shown = outcome.timedOut
        ? `the page did not show ${expected} within ${timeoutMs} ms`
        : `the page showed ${expected}`;
      throw new FixtureError(
        `${where}: after the click ${shown}, and ${unanswered.join(', ')} was still unanswered ${timeoutMs} ms later`,
      );
    }
    const after = await this.proxy.counters();
    const zeroEpochMs = outcome.timeOrigin + (outcome.inputMs ?? 0);
    const requests = await Promise.all(captured.map((request) => describeRequest(request, zeroEpochMs)));

    const requestSummary = requestsInWords(requests);
    if (this.pageErrors.length > 0)
      throw new FixtureError(`${where}: the page threw "${this.pageErrors[0]}" (requests: ${requestSummary})`);
    if (!outcome.clicked) throw new FixtureError(`${where}: the click never reached the trigger element`);
    const ended =
      !outcome.timedOut &&
      outcome.endMs !== null &&
      outcome.frameMs !== null &&
      outcome.startMs !== null &&
      outcome.inputMs !== null;
    const endMs = ended ? outcome.endMs! - outcome.inputMs! : null;
    // Without JavaScript the page's script preloads are cancelled: only its documents can fail the interaction.
    const counted = (index: number) => this.javaScript || captured[index]!.isNavigationRequest();
    // Requests the interaction caused before its end form its critical path. Without JavaScript the path is the
    // navigation's documents (the form's POST, a redirect's GET): the new page's preloads do not hold its DOM back.
    const causal = requests.filter((request, index) => counted(index) && (endMs === null || request.startMs <= endMs));
    const designed = scenario.expectedRequests[variant] ?? 0;
    if (causal.length < designed) {
      const chain = scenario.requestChain?.[variant];
      const missing = chain ? `: ${chain.slice(causal.length).join(' and ')} never happened` : '';
      const when = ended ? `before the page showed ${expected}` : `within ${timeoutMs} ms`;
      throw new FixtureError(
        `${where}: the interaction sent ${causal.length} of the ${designed} requests its design sends ${when}${missing} (requests: ${requestSummary})`,
      );
    }
    const failed = requests.find(
      (request, index) =>
        counted(index) &&
        (request.status === null || (request.status >= 400 && request.status !== scenario.refusalStatus?.[variant])),
    );
    if (failed) throw new FixtureError(`${where}: a request of the interaction failed (requests: ${requestSummary})`);
    // Every request answered, none missing, and still not shown: a render that never committed (an outcome).
    if (endMs === null) return { committed: false, waitedMs: timeoutMs, requests, expected };
    const unseen = Object.keys(spec.marks ?? {}).find((name) => outcome.marks[name] === undefined);
    if (unseen !== undefined)
      throw new FixtureError(
        `${where}: the page showed ${expected} without ever showing its "${unseen}" state, ${describeShown([spec.marks![unseen]!])}`,
      );
    return {
      committed: true,
      latencyMs: endMs,
      listenerLatencyMs: outcome.endMs! - outcome.startMs!,
      inputDelayMs: outcome.startMs! - outcome.inputMs!,
      frameMs: outcome.frameMs! - outcome.inputMs!,
      marksMs: Object.fromEntries(Object.entries(outcome.marks).map(([name, ms]) => [name, ms - outcome.inputMs!])),
      requests,
      roundTrips: countRoundTrips(causal),
      wireBytes: {
        toServer: after.toServerBytes - before.toServerBytes,
        toClient: after.toClientBytes - before.toClientBytes,
      },
      newConnections: after.connections - before.connections,
    };
  }

  async close(): Promise<void> {
    await this.page.close().catch(() => undefined);
  }
}
