import type { Locator, Page } from 'playwright-core';
import { PERSISTED_SQL } from '../bench-app/lib/integrity-sql';

/** What one interaction does: click `trigger`; it ends when an element matching `selector` shows `text`. */
export interface InteractionSpec {
  trigger: Locator;
  expect: { selector: string; text: string };
}

export interface Scenario {
  id: string;
  /** What the user does, in the report's words. */
  summary: string;
  /** The Server Action variant: every comparison puts it as `b`. */
  reference: string;
  /** Each variant with the request chain its design implies (the known answer for the RTT slope). */
  expectedRoundTrips: Record<string, number>;
  /** Requests one interaction of each variant sends: the capture for HTTP replay settles on this count. */
  expectedRequests: Record<string, number>;
  /**
   * Variants also measured in Chrome's shipped input scheduling (the reference variant among them): those whose
   * comparisons a claim reads as a user's click feels (C1). Every variant is measured with the deferral off.
   */
  shippedChromeVariants?: string[];
  /** The Route Handler variant whose requests the bare floor server also answers. */
  floorVariant: string;
  /**
   * C9: each variant's own code, paths under bench-app: the action file or the Route Handler with the helpers only
   * routes need, the variant's client component and its page. What every variant shares (the service, the UI
   * component taking the transport as a prop) is not listed.
   */
  transportFiles: Record<string, string[]>;
  /** Integrity under load (bench-app/lib/integrity-sql.ts): what the database holds for scopes LIKE ?. */
  persistedSql: string;
  /**
   * Makes the page ready for interaction `label` (unique within the page load) and says how to trigger it and
   * what it must show. The expected value is known before the click, so the end cannot fire early.
   */
  prepare(page: Page, label: string): Promise<InteractionSpec>;
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
    route: ['app/api/counter/route.ts', 'lib/route-handler.ts', 'lib/client/fetch-json.ts', 'app/counter/route/counter-via-route.tsx', 'app/counter/route/page.tsx'],
  },
  persistedSql: PERSISTED_SQL.counter!,
  async prepare(page) {
    const selector = 'output[aria-label="count"]';
    const current = Number(await page.locator(selector).textContent());
    return { trigger: page.getByRole('button', { name: '+1' }), expect: { selector, text: String(current + 1) } };
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
          ...{ 'route-refresh': ['route-refresh/add-item-via-route-refresh.tsx'], 'route-json': ['route-json/items-via-route-json.tsx'], 'route-query': ['route-query/items-via-route-query.tsx'] }[variant].map((file) => `app/revalidate/${file}`),
          `app/revalidate/${variant}/page.tsx`,
        ],
      ]),
    ),
  },
  persistedSql: PERSISTED_SQL.revalidate!,
  async prepare(page, label) {
    // The form clears its input when the previous transition ends; fill only after that.
    await page.locator('button:enabled', { hasText: 'Add' }).waitFor();
    await page.getByLabel('new item').fill(label);
    return {
      trigger: page.getByRole('button', { name: 'Add' }),
      expect: { selector: 'ul[aria-label="items"] > li', text: label },
    };
  },
};

/** The catalogue: ids and variant names are part of the results.json contract. */
export const SCENARIOS: readonly Scenario[] = [counter, revalidate];

export const SCENARIO_IDS = SCENARIOS.map((scenario) => scenario.id);

export function scenarioById(id: string): Scenario {
  const scenario = SCENARIOS.find((candidate) => candidate.id === id);
  if (!scenario) throw new Error(`unknown scenario ${id}`);
  return scenario;
}

export function variantsOf(scenario: Scenario): string[] {
  return Object.keys(scenario.expectedRoundTrips);
}

/** Each variant is its own page: /<scenario>/<variant>. */
export function variantPath(scenarioId: string, variant: string): string {
  return `/${scenarioId}/${variant}`;
}
