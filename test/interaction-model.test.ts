import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { InteractionSchema } from '../runner/contract/interaction';
import { loadAppConfig } from '../runner/core/app-config-file';
import { InteractionError } from '../runner/core/errors';
import { fillTemplate, prepareInteraction } from '../runner/measure/browser/steps';
import { catalogueOf, FIXTURE_CATALOGUE, scenarioById, type Catalogue } from '../runner/scenarios';

const ROOT = path.join(import.meta.dirname, '..');
const EXAMPLE_CONFIG = 'examples/guestbook/mutation-bench.config.ts';

/**
 * A page made of what a test says its elements show: every call the interaction makes on it is written down
 * (`fill getByLabel(message)`), so two interactions can be compared by what they did.
 */
function scriptedPage(shows: Record<string, string | string[]>, attributes: Record<string, string> = {}) {
  const calls: string[] = [];
  const locator = (name: string, texts: string[]): unknown => ({
    toString: () => name,
    waitFor: async () => void calls.push(`waitFor ${name}`),
    fill: async (value: string) => void calls.push(`fill ${name} ${value}`),
    setInputFiles: async (file: { name: string; buffer: Buffer }) =>
      void calls.push(`upload ${name} ${file.name} ${file.buffer.length}`),
    count: async () => texts.length,
    first: () => locator(name, texts.slice(0, 1)),
    nth: (index: number) => locator(`${name} #${index}`, texts.slice(index, index + 1)),
    textContent: async () => texts[0] ?? null,
    getAttribute: async (attribute: string) => attributes[`${name}@${attribute}`] ?? null,
  });
  const of = (name: string) => {
    const shown = shows[name];
    return shown === undefined ? [] : Array.isArray(shown) ? shown : [shown];
  };
  const page = {
    url: () => 'http://127.0.0.1:3000/page',
    locator: (selector: string, options?: { hasText?: string }) => {
      const name = options?.hasText ? `${selector} "${options.hasText}"` : selector;
      return locator(name, of(name));
    },
    getByRole: (role: string, options: { name: string }) => locator(`${role} "${options.name}"`, []),
    getByLabel: (label: string) => locator(`label "${label}"`, []),
  };
  return { page: page as unknown as Page, calls };
}

const variantsOf = (catalogue: Catalogue) =>
  catalogue.scenarios.flatMap((scenario) => Object.keys(scenario.pages).map((variant) => ({ scenario, variant })));

describe('the interaction model', () => {
  it("states every fixture variant's interaction as data the model's schema accepts, with a page for each", () => {
    for (const { scenario, variant } of variantsOf(FIXTURE_CATALOGUE)) {
      expect(InteractionSchema.safeParse(scenario.interactions[variant]).success, `${scenario.id}/${variant}`).toBe(
        true,
      );
      expect(Object.keys(scenario.pages).sort()).toEqual(Object.keys(scenario.expectedRoundTrips).sort());
    }
  });

  it('runs the example app, from its config alone, through the same catalogue, scenarios and interactions', async () => {
    expect(fs.existsSync(path.join(ROOT, EXAMPLE_CONFIG))).toBe(true);
    const app = await loadAppConfig(EXAMPLE_CONFIG, ROOT);
    const catalogue = catalogueOf(app);
    expect(catalogue.fixture).toBe(false);
    expect(catalogue.scenarios.length).toBeGreaterThan(0);
    for (const { scenario, variant } of variantsOf(catalogue)) {
      expect(InteractionSchema.safeParse(scenario.interactions[variant]).success, `${scenario.id}/${variant}`).toBe(
        true,
      );
      // The same Scenario fields the runner reads for the fixture: one path from a scenario to a timed click.
      expect(Object.keys(scenario).sort()).toEqual(
        expect.arrayContaining(['expectedRequests', 'expectedRoundTrips', 'interactions', 'pages', 'reference']),
      );
    }
  });

  it("carries out a fixture scenario's and the example's interaction with the one function", async () => {
    const fixture = scriptedPage({ 'output[aria-label="count"]': '41' });
    const counter = await prepareInteraction(
      fixture.page,
      scenarioById('counter').interactions.action!,
      'b0000000000-0',
    );
    expect(counter.expect).toEqual([{ selector: 'output[aria-label="count"]', text: '42' }]);
    expect(String(counter.trigger)).toBe('button "+1"');

    const app = await loadAppConfig(EXAMPLE_CONFIG, ROOT);
    const [scenario] = catalogueOf(app).scenarios;
    const example = scriptedPage({});
    const signed = await prepareInteraction(
      example.page,
      scenario!.interactions[scenario!.reference]!,
      'b0000000000-0',
    );
    expect(example.calls.some((call) => call.startsWith('fill ') && call.endsWith(' b0000000000-0'))).toBe(true);
    expect(signed.expect.some((state) => state.text === 'b0000000000-0')).toBe(true);
  });

  it('reads, maps and adds before the click, and fills templates in targets too (delete, optimistic)', async () => {
    const list = 'ul[aria-label="remaining"] > li > span';
    const deleting = scriptedPage({ [list]: ['first item', 'second item'] });
    const spec = await prepareInteraction(deleting.page, scenarioById('delete').interactions.route!, 'x');
    expect(String(spec.trigger)).toBe('button "delete first item"');
    expect(spec.expect[0]!.text).toBe('second item');

    const like = 'button[aria-label="like"]';
    const liking = scriptedPage(
      { 'output[aria-label="saved version"]': '7', [like]: 'Liked' },
      { [`${like}@aria-pressed`]: 'true' },
    );
    const liked = await prepareInteraction(liking.page, scenarioById('optimistic').interactions.action!, 'x');
    expect(liked.expect).toEqual([
      { selector: 'output[aria-label="saved version"]', text: '8' },
      { selector: like, text: 'Like' },
    ]);
    expect(liked.marks).toEqual({ optimistic: { selector: like, text: 'Like' } });
  });

  it('fails a read that finds nothing naming the step, not a fast sample (delete with one item left)', async () => {
    const list = 'ul[aria-label="remaining"] > li > span';
    const short = scriptedPage({ [list]: ['only item'] });
    const failed = prepareInteraction(short.page, scenarioById('delete').interactions.route!, 'x');
    await expect(failed).rejects.toBeInstanceOf(InteractionError);
    await expect(failed).rejects.toMatchObject({ part: 'steps.1' });
  });

  it('fills {label}, {name} and {name+N}, and refuses a name no step read or a sum of a non-number', () => {
    expect(fillTemplate('Saved {label}.csv: {bytes} bytes', { label: 'a-1', bytes: '10' })).toBe(
      'Saved a-1.csv: 10 bytes',
    );
    expect(fillTemplate('{count+1}', { count: ' 41 ' })).toBe('42');
    expect(() => fillTemplate('{missing}', { label: 'a' })).toThrow(/names no value/);
    expect(() => fillTemplate('{count+1}', { count: 'many' })).toThrow(/not a whole number/);
  });
});
