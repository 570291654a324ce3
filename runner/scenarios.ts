import type { Locator, Page } from 'playwright-core';

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
   * Integrity under load: counts what the database holds for scopes LIKE ? (one scope per replayed interaction):
   * `scopes`, `mutations` persisted, and `duplicated` scopes that got more than one.
   */
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
  persistedSql: `SELECT count(*) AS scopes, coalesce(sum(value), 0) AS mutations, coalesce(sum(value > 1), 0) AS duplicated
                 FROM counters WHERE scope LIKE ?`,
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
  persistedSql: `SELECT count(DISTINCT scope) AS scopes, count(*) AS mutations, count(*) - count(DISTINCT scope) AS duplicated
                 FROM items WHERE scope LIKE ?`,
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
