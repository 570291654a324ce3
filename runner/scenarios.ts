import type { Locator, Page } from 'playwright-core';
import { PERSISTED_SQL } from '../bench-app/lib/integrity-sql';
import type { Bandwidth } from './contract/results';

/** A state of the page: an element matching `selector` shows exactly `text`. */
export interface Shown {
  selector: string;
  text: string;
}

/**
 * What one interaction does: click `trigger`; it ends when the page shows every state in `expect` (one for most
 * scenarios, five for parallel). `marks` are moments timed on the way, each the first time its state shows (the
 * optimistic paint). Every state is known before the click and must not show yet, so no time can fire early.
 */
export interface InteractionSpec {
  trigger: Locator;
  expect: Shown[];
  marks?: Record<string, Shown>;
}

/** How the label of the interaction reads when an expected state is named in a message. */
export const describeShown = (states: readonly Shown[]): string =>
  states.map(({ selector, text }) => `"${text}" in ${selector}`).join(' and ');

export interface Scenario {
  /** Unique in the catalogue and in results; a case of a family is `<family>-<case>` (form-invalid). */
  id: string;
  /**
   * The catalogue entry a case belongs to (form for form-valid and form-invalid): `--scenarios form` selects every
   * case, and the variants' pages live in its fixture folder (/<family>/<variant>). Absent: the id itself.
   */
  family?: string;
  /** What the user does, in the report's words. */
  summary: string;
  /** The Server Action variant: every comparison puts it as `b`. */
  reference: string;
  /** Each variant with the request chain its design implies (the known answer for the RTT slope). */
  expectedRoundTrips: Record<string, number>;
  /**
   * The marks its interactions time (InteractionSpec.marks), each with the round trips before it in every variant:
   * the known answer of its RTT rise (the optimistic paint: 0, it must not wait for the network).
   */
  markRoundTrips?: Record<string, number>;
  /**
   * By variant, why its rise with the RTT has no known answer (the refused 2 MB upload): its accuracy row is shown
   * with the reason and checks nothing.
   */
  noKnownRttRise?: Record<string, string>;
  /** Requests one interaction of each variant sends: the capture for HTTP replay settles on this count. */
  expectedRequests: Record<string, number>;
  /**
   * Variants also measured in Chrome's shipped input scheduling (the reference variant among them): those whose
   * comparisons a claim reads as a user's click feels (C1). Every variant is measured with the deferral off.
   */
  shippedChromeVariants?: string[];
  /** The Route Handler variant whose requests the bare floor server also answers (counter and revalidate only). */
  floorVariant?: string;
  /**
   * By variant, a status ≥ 400 its mutation is answered with by design (a refused form's 422, a body over the
   * action's limit): what the user sees then is the measured result, not a failure. Any other status ≥ 400 fails
   * the cell.
   */
  refusalStatus?: Record<string, number>;
  /**
   * false: measured in a browser context with JavaScript disabled (nojs). No probe runs there: an interaction is a
   * form submission timed by the new document's Navigation Timing, and it has no marks.
   */
  javaScript?: false;
  /** The link's rate in each direction this scenario is measured over unless --bandwidth says otherwise (payload); absent: no limit. */
  bandwidth?: Bandwidth;
  /**
   * A smaller case of the same family (payload-1kb): on a limited link this case must take longer by its extra
   * bytes / the rate (the bandwidth known answer), when both are measured.
   */
  sizeReference?: string;
  /**
   * The server's resident memory is sampled during each interaction (the Next server's process group): its peak,
   * and its rise over the interaction's start (export: a stream holds a page of rows, a returned value all of it).
   */
  serverMemory?: true;
  /** Replayed under HTTP load (the HTTP suite); a scenario whose interaction a replay cannot stand for says why not. */
  httpReplay: true | { skipped: string };
  /**
   * C9: each variant's own code, paths under bench-app: the action file or the Route Handler with the helpers only
   * routes need, the variant's client component and its page. What every variant shares (the service, the UI
   * component taking the transport as a prop) is not listed.
   */
  transportFiles: Record<string, string[]>;
  /** Integrity under load (bench-app/lib/integrity-sql.ts): what the database holds for scopes LIKE ?. */
  persistedSql: string;
  /**
   * Makes the page of `variant` ready for interaction `label` (unique within the page load) and says how to
   * trigger it and what it must show. The expected value is known before the click, so the end cannot fire early.
   */
  prepare(page: Page, label: string, variant: string): Promise<InteractionSpec>;
}

const counter: Scenario = {
  id: 'counter',
  summary: 'click "+1"; the new value appears',
  reference: 'action',
  expectedRoundTrips: { action: 1, route: 1 },
  expectedRequests: { action: 1, route: 1 },
  floorVariant: 'route',
  transportFiles: {
    action: ['app/counter/actions.ts', 'app/counter/action/page.tsx'],
    route: [
      'app/api/counter/route.ts',
      'lib/route-handler.ts',
      'lib/client/fetch-json.ts',
      'app/counter/route/counter-via-route.tsx',
      'app/counter/route/page.tsx',
    ],
  },
  persistedSql: PERSISTED_SQL.counter!,
  httpReplay: true,
  async prepare(page) {
    const selector = 'output[aria-label="count"]';
    const current = Number(await page.locator(selector).textContent());
    return { trigger: page.getByRole('button', { name: '+1' }), expect: [{ selector, text: String(current + 1) }] };
  },
};

const revalidate: Scenario = {
  id: 'revalidate',
  summary: 'add an item to a list rendered by a Server Component',
  reference: 'action',
  expectedRoundTrips: { action: 1, 'route-refresh': 2, 'route-json': 1, 'route-query': 2 },
  expectedRequests: { action: 1, 'route-refresh': 2, 'route-json': 1, 'route-query': 2 },
  shippedChromeVariants: ['action', 'route-refresh', 'route-query'],
  floorVariant: 'route-json',
  transportFiles: {
    action: ['app/revalidate/actions.ts', 'app/revalidate/action/page.tsx'],
    ...Object.fromEntries(
      (['route-refresh', 'route-json', 'route-query'] as const).map((variant) => [
        variant,
        [
          'app/api/revalidate/route.ts',
          'lib/route-handler.ts',
          'lib/client/fetch-json.ts',
          'app/revalidate/items-api.ts',
          ...{
            'route-refresh': ['route-refresh/add-item-via-route-refresh.tsx'],
            'route-json': ['route-json/items-via-route-json.tsx'],
            'route-query': ['route-query/items-via-route-query.tsx'],
          }[variant].map((file) => `app/revalidate/${file}`),
          `app/revalidate/${variant}/page.tsx`,
        ],
      ]),
    ),
  },
  persistedSql: PERSISTED_SQL.revalidate!,
  httpReplay: true,
  async prepare(page, label) {
    return { trigger: await fillNewItem(page, label), expect: [{ selector: ITEM, text: label }] };
  },
};

const ITEM = 'ul[aria-label="items"] > li';

/** The shared add-item form (revalidate, redirect): it clears its input when the previous transition ends, so fill only after that. */
async function fillNewItem(page: Page, label: string): Promise<Locator> {
  await page.locator('button:enabled', { hasText: 'Add' }).waitFor();
  await page.getByLabel('new item').fill(label);
  return page.getByRole('button', { name: 'Add' });
}

/** The variants' own files: the action file and page, the Route Handler and the route page with its client component. */
const ownFiles = (family: string, routeClient: string) => ({
  action: [`app/${family}/actions.ts`, `app/${family}/action/page.tsx`],
  route: [
    `app/api/${family}/route.ts`,
    'lib/route-handler.ts',
    `app/${family}/route/${routeClient}`,
    `app/${family}/route/page.tsx`,
  ],
});

/** A validated form, submitted with valid input (saved) or with an email that is not one (the field error shows, nothing saved). */
const formCase = (validity: 'valid' | 'invalid'): Scenario => ({
  id: `form-${validity}`,
  family: 'form',
  summary:
    validity === 'valid'
      ? 'submit a validated signup form; "Saved" appears'
      : 'submit the form with an invalid email; the field error appears, nothing is saved',
  reference: 'action',
  expectedRoundTrips: { action: 1, route: 1 },
  expectedRequests: { action: 1, route: 1 },
  transportFiles: {
    action: ['app/form/actions.ts', 'app/form/action/signup-via-action.tsx', 'app/form/action/page.tsx'],
    route: ownFiles('form', 'signup-via-route.tsx').route,
  },
  persistedSql: PERSISTED_SQL['form-valid']!,
  ...(validity === 'invalid'
    ? {
        refusalStatus: { route: 422 },
        httpReplay: { skipped: 'a refused submission answers 422 by design, which load replay counts as an error' },
      }
    : { httpReplay: true }),
  async prepare(page, label) {
    await page.locator('button:enabled', { hasText: 'Sign up' }).waitFor();
    await page.getByLabel('name', { exact: true }).fill(label);
    await page.getByLabel('email', { exact: true }).fill(validity === 'valid' ? `${label}@example.com` : label);
    return {
      trigger: page.getByRole('button', { name: 'Sign up' }),
      expect: [
        validity === 'valid'
          ? { selector: 'output[aria-label="saved"]', text: `Saved ${label}` }
          : { selector: 'p[aria-label="email error"]', text: `"${label}" is not an email address` },
      ],
    };
  },
});

const optimistic: Scenario = {
  id: 'optimistic',
  summary: 'toggle "Like": the toggled state paints at once (mark "optimistic"), the server-confirmed version follows',
  reference: 'action',
  expectedRoundTrips: { action: 1, route: 1 },
  expectedRequests: { action: 1, route: 1 },
  markRoundTrips: { optimistic: 0 },
  transportFiles: {
    action: [
      'app/optimistic/actions.ts',
      'app/optimistic/action/like-via-action.tsx',
      'app/optimistic/action/page.tsx',
    ],
    route: ownFiles('optimistic', 'like-via-route.tsx').route,
  },
  persistedSql: PERSISTED_SQL.optimistic!,
  httpReplay: true,
  async prepare(page) {
    const button = page.locator('button[aria-label="like"]');
    const version = 'output[aria-label="saved version"]';
    const toggled = (await button.getAttribute('aria-pressed')) === 'true' ? 'Like' : 'Liked';
    const confirmed = String(Number(await page.locator(version).textContent()) + 1);
    return {
      trigger: button,
      expect: [
        { selector: version, text: confirmed },
        { selector: 'button[aria-label="like"]', text: toggled },
      ],
      marks: { optimistic: { selector: 'button[aria-label="like"]', text: toggled } },
    };
  },
};

const redirect: Scenario = {
  id: 'redirect',
  summary: "create an item, then land on the created item's page",
  reference: 'action',
  expectedRoundTrips: { action: 1, route: 2 },
  expectedRequests: { action: 1, route: 2 },
  transportFiles: {
    action: [
      'app/redirect/actions.ts',
      'app/redirect/action/redirect-via-action.tsx',
      'app/redirect/action/page.tsx',
      'app/redirect/action/[id]/page.tsx',
    ],
    route: [
      ...ownFiles('redirect', 'create-via-route.tsx').route,
      'lib/client/fetch-json.ts',
      'app/redirect/route/redirect-via-route.tsx',
      'app/redirect/route/[id]/page.tsx',
    ],
  },
  persistedSql: PERSISTED_SQL.redirect!,
  httpReplay: true,
  async prepare(page, label) {
    return {
      trigger: await fillNewItem(page, label),
      expect: [{ selector: 'h2[aria-label="created item"]', text: label }],
    };
  },
};

const nojs: Scenario = {
  id: 'nojs',
  summary: 'with JavaScript disabled, submit a plain HTML form; the answered page shows the new item',
  reference: 'action',
  // The action's POST answers with the page; the Route Handler's answers 303 and the browser GETs the page.
  expectedRoundTrips: { action: 1, route: 2 },
  expectedRequests: { action: 1, route: 2 },
  javaScript: false,
  transportFiles: {
    action: ['app/nojs/actions.ts', 'app/nojs/action/page.tsx'],
    route: ['app/api/nojs/route.ts', 'app/nojs/route/page.tsx'],
  },
  persistedSql: PERSISTED_SQL.nojs!,
  httpReplay: {
    skipped: 'a form navigation answers with a whole HTML page (and a 303), which the load replay does not check',
  },
  async prepare(page, label) {
    await page.getByLabel('new item').fill(label);
    return { trigger: page.getByRole('button', { name: 'Add' }), expect: [{ selector: ITEM, text: label }] };
  },
};

/** A link a payload's size shows on: 10 Mbit/s each way (a good mobile or a modest home uplink). */
export const PAYLOAD_LINK: Bandwidth = { toServer: 10_000_000, toClient: 10_000_000 };
export const PAYLOAD_SIZES = { '1kb': 1024, '100kb': 100 * 1024, '900kb': 900 * 1024, '2mb': 2 * 1024 * 1024 } as const;
export type PayloadSize = keyof typeof PAYLOAD_SIZES;
/** Next's default body limit for a Server Action is 1 MB; a larger upload fails the action: an action error, HTTP 500. */
export const ACTION_BODY_LIMIT_STATUS = 500;

/** Upload a file of one size (a case); the action refuses 2 MB (its default body limit), the Route Handler sets none. */
const payloadCase = (size: PayloadSize): Scenario => {
  const refused: Record<string, number> = size === '2mb' ? { action: ACTION_BODY_LIMIT_STATUS } : {};
  return {
    id: `payload-${size}`,
    family: 'payload',
    summary: `upload a ${size.replace('kb', ' KB').replace('mb', ' MB')} file over a 10 Mbit/s link; "Saved …" appears, or the refusal where a transport refuses it`,
    reference: 'action',
    expectedRoundTrips: { action: 1, route: 1 },
    expectedRequests: { action: 1, route: 1 },
    transportFiles: {
      action: ['app/payload/actions.ts', 'app/payload/action/page.tsx'],
      route: ownFiles('payload', 'upload-via-route.tsx').route.filter((file) => file !== 'lib/route-handler.ts'),
    },
    persistedSql: PERSISTED_SQL.payload!,
    bandwidth: PAYLOAD_LINK,
    ...(size === '1kb' ? {} : { sizeReference: 'payload-1kb' }),
    refusalStatus: refused,
    ...(size === '2mb'
      ? {
          noKnownRttRise: {
            action:
              'Next answers the oversized body before reading it and resets the connection; Chromium then re-sends the upload on a new one, or not, racing the upload, so its rise is no fixed number of round trips',
          },
        }
      : {}),
    // Chromium hands the capture a multipart body without the file's bytes, so there is nothing whole to replay.
    httpReplay: {
      skipped:
        "Chromium does not hand the uploaded file's bytes to the capture, so the request cannot be replayed whole",
    },
    async prepare(page, label, variant) {
      await page.locator('button:enabled', { hasText: 'Upload' }).waitFor();
      await page.getByLabel('name', { exact: true }).fill(label);
      await page.getByLabel('file').setInputFiles({
        name: `${label}.txt`,
        mimeType: 'text/plain',
        buffer: Buffer.alloc(PAYLOAD_SIZES[size], 'x'),
      });
      const text =
        variant in refused
          ? `${label} was not saved: the server refused it`
          : `Saved ${label}: ${PAYLOAD_SIZES[size]} bytes`;
      return {
        trigger: page.getByRole('button', { name: 'Upload' }),
        expect: [{ selector: 'output[aria-label="upload"]', text }],
      };
    },
  };
};

/** The parallel batch's letters (bench-app/app/parallel/add-five.tsx). */
const BATCH = ['a', 'b', 'c', 'd', 'e'];

const parallel: Scenario = {
  id: 'parallel',
  summary: 'add 5 items at once (Promise.all); all 5 appear',
  reference: 'action',
  // Next's client sends one action at a time: the five form a chain. Five fetches overlap.
  expectedRoundTrips: { action: 5, route: 1 },
  expectedRequests: { action: 5, route: 5 },
  transportFiles: {
    action: ['app/parallel/actions.ts', 'app/parallel/action/page.tsx'],
    route: [...ownFiles('parallel', 'add-five-via-route.tsx').route, 'lib/client/fetch-json.ts'],
  },
  persistedSql: PERSISTED_SQL.parallel!,
  httpReplay: true,
  async prepare(page, label) {
    await page.getByLabel('batch').fill(label);
    return {
      trigger: page.getByRole('button', { name: 'Add 5' }),
      expect: BATCH.map((letter) => ({ selector: ITEM, text: `${label}-${letter}` })),
    };
  },
};

const exportScenario: Scenario = {
  id: 'export',
  summary: 'export the orders as a 21 MB CSV; the browser holds the file to save ("Saved …" with its size)',
  reference: 'action',
  expectedRoundTrips: { action: 1, route: 1 },
  expectedRequests: { action: 1, route: 1 },
  serverMemory: true,
  transportFiles: {
    action: ['app/export/actions.ts', 'app/export/action/export-via-action.tsx', 'app/export/action/page.tsx'],
    route: ownFiles('export', 'export-via-route.tsx').route.filter((file) => file !== 'lib/route-handler.ts'),
  },
  persistedSql: PERSISTED_SQL.export!,
  httpReplay: {
    skipped:
      "every interaction moves 21 MB: the load suite's fixed work would take a quarter of an hour; the browser cells time it and sample the server's memory",
  },
  async prepare(page, label) {
    await page.locator('button:enabled', { hasText: 'Export' }).waitFor();
    const bytes = await page.locator('output[aria-label="export size"]').textContent();
    await page.getByLabel('file name').fill(label);
    return {
      trigger: page.getByRole('button', { name: 'Export' }),
      expect: [{ selector: 'output[aria-label="export"]', text: `Saved ${label}.csv: ${bytes} bytes` }],
    };
  },
};

/** The catalogue: ids and variant names are part of the results.json contract. */
export const SCENARIOS: readonly Scenario[] = [
  counter,
  revalidate,
  formCase('valid'),
  formCase('invalid'),
  optimistic,
  redirect,
  parallel,
  ...(Object.keys(PAYLOAD_SIZES) as PayloadSize[]).map(payloadCase),
  nojs,
  exportScenario,
];

export const SCENARIO_IDS = SCENARIOS.map((scenario) => scenario.id);

/** What a run measures when --scenarios is not given: the cells the latency claims (C1-C4) read, within 6 minutes. */
export const DEFAULT_SCENARIO_IDS = ['counter', 'revalidate'];

export const familyOf = (scenario: Scenario): string => scenario.family ?? scenario.id;

/** Every name --scenarios accepts: each id, and each family (all its cases). */
export const SCENARIO_NAMES = [...new Set(SCENARIOS.flatMap((scenario) => [familyOf(scenario), scenario.id]))];

/** --scenarios' names to scenario ids, in catalogue order; a family selects its cases. Unknown names throw. */
export function selectScenarios(names: readonly string[]): string[] {
  const unknown = names.find((name) => !SCENARIO_NAMES.includes(name));
  if (unknown !== undefined) throw new Error(`unknown scenario "${unknown}"`);
  return SCENARIOS.filter((scenario) => names.includes(scenario.id) || names.includes(familyOf(scenario))).map(
    (scenario) => scenario.id,
  );
}

export function scenarioById(id: string): Scenario {
  const scenario = SCENARIOS.find((candidate) => candidate.id === id);
  if (!scenario) throw new Error(`unknown scenario ${id}`);
  return scenario;
}

export function variantsOf(scenario: Scenario): string[] {
  return Object.keys(scenario.expectedRoundTrips);
}

/** The link rate an arm of `scenario` is measured over: --bandwidth for every scenario, else the scenario's own. */
export const linkBandwidth = (scenario: Scenario, configured: Bandwidth | undefined): Bandwidth | null =>
  configured ?? scenario.bandwidth ?? null;

/** Each variant is its own page: /<family>/<variant> (a family's cases share the page). */
export function variantPath(scenarioId: string, variant: string): string {
  return `/${familyOf(scenarioById(scenarioId))}/${variant}`;
}
