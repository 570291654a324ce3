import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_SCENARIOS, VARIANT_PAGES } from '../bench-app/lib/scenarios';
import { PERSISTED_SQL } from '../bench-app/lib/integrity-sql';
import { APP_DIR } from '../runner/measure/fixture/app-server';
import { familyOf, SCENARIO_IDS, SCENARIOS, variantPath, variantsOf } from '../runner/scenarios';
import { defineScenario } from '../runner/scenarios/scenario';

describe('the scenario catalogue', () => {
  it('names, for every variant, transport files that exist (what C9 counts)', () => {
    for (const scenario of SCENARIOS) {
      expect(Object.keys(scenario.transportFiles), scenario.id).toEqual(variantsOf(scenario));
      for (const file of Object.values(scenario.transportFiles).flat())
        expect(fs.existsSync(path.join(APP_DIR, file)), `${scenario.id}: ${file}`).toBe(true);
    }
  });

  it("has one fixture entry per family, with the catalogue's variants: the index page links every variant", () => {
    const families = [...new Set(SCENARIOS.map(familyOf))];
    expect(FIXTURE_SCENARIOS.map((fixture) => fixture.family)).toEqual(families);
    // A family's cases share its pages.
    const pages = SCENARIOS.flatMap((scenario) =>
      variantsOf(scenario).map((variant) => variantPath(scenario.id, variant)),
    );
    expect(VARIANT_PAGES).toEqual([...new Set(pages)]);
  });

  it("has a page for every variant the fixture's index links", () => {
    for (const page of VARIANT_PAGES)
      expect(fs.existsSync(path.join(APP_DIR, 'app', page, 'page.tsx')), page).toBe(true);
  });

  it('counts integrity with the query a deployment answers under the same name (its family, or the case it replays)', () => {
    for (const [name, sql] of Object.entries(PERSISTED_SQL)) {
      expect(SCENARIO_IDS.includes(name) || SCENARIOS.some((scenario) => familyOf(scenario) === name), name).toBe(true);
      for (const scenario of SCENARIOS.filter((candidate) => candidate.id === name || familyOf(candidate) === name))
        expect(scenario.persisted, scenario.id).toEqual({ sql });
    }
  });
});

describe('defineScenario', () => {
  const interaction = { trigger: 'button', expect: [{ selector: 'output', text: '{label}' }] };
  const plain = { id: 'counter', summary: 's', transportFiles: {}, httpReplay: true as const, interaction };

  it("fills in the action as reference, one request per round trip, a page per variant, the family's integrity query and each variant's interaction", () => {
    const own = { ...interaction, trigger: 'a' };
    expect(
      defineScenario({ ...plain, expectedRoundTrips: { action: 1, route: 2 }, variantInteractions: { route: own } }),
    ).toMatchObject({
      reference: 'action',
      expectedRequests: { action: 1, route: 2 },
      persisted: { sql: PERSISTED_SQL.counter },
      pages: { action: '/counter/action', route: '/counter/route' },
      interactions: { action: interaction, route: own },
    });
  });

  it('keeps what a scenario states', () => {
    const parallel = defineScenario({
      ...plain,
      reference: 'route',
      expectedRoundTrips: { action: 5, route: 1 },
      expectedRequests: { action: 5, route: 5 },
    });
    expect(parallel).toMatchObject({ reference: 'route', expectedRequests: { action: 5, route: 5 } });
  });

  it('refuses a family the fixture does not have', () => {
    expect(() => defineScenario({ ...plain, id: 'nowhere', expectedRoundTrips: { action: 1 } })).toThrow(
      /bench-app\/lib\/scenarios.ts has no scenario nowhere/,
    );
  });
});
