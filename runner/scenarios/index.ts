/**
 * The scenario catalogue: one module per family (counter.ts, revalidate.ts, ...), each a defineScenario() that states
 * what is particular to it; the fixture's side of a scenario is its entry in bench-app/lib/scenarios.ts.
 */
import type { Bandwidth } from '../contract/results';
import { counter } from './counter';
import { deleteScenario } from './delete';
import { exportScenario } from './export';
import { formCases } from './form';
import { links } from './links';
import { nojs } from './nojs';
import { optimistic } from './optimistic';
import { parallel } from './parallel';
import { payloadCases } from './payload';
import { redirect } from './redirect';
import { revalidate } from './revalidate';
import { familyOf, type Scenario } from './scenario';
import type { AppConfig } from '../contract/app-config';
import { appScenarios } from './app';

export { describeShown, familyOf, type InteractionSpec, type Scenario, type Shown } from './scenario';
export { ACTION_BODY_LIMIT_STATUS, PAYLOAD_LINK, PAYLOAD_SIZES, type PayloadSize } from './payload';

/** The catalogue: ids and variant names are part of the results.json contract. */
export const SCENARIOS: readonly Scenario[] = [
  counter,
  revalidate,
  links,
  ...formCases,
  optimistic,
  redirect,
  parallel,
  ...payloadCases,
  nojs,
  exportScenario,
  deleteScenario,
];

export const SCENARIO_IDS = SCENARIOS.map((scenario) => scenario.id);

/** What a run measures when --scenarios is not given: the cells the latency claims (C1-C4) read, within 6 minutes. */
export const DEFAULT_SCENARIO_IDS = ['counter', 'revalidate'];

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
  return FIXTURE_CATALOGUE.byId(id);
}

export function variantsOf(scenario: Scenario): string[] {
  return Object.keys(scenario.expectedRoundTrips);
}

/** The link rate an arm of `scenario` is measured over: --bandwidth for every scenario, else the scenario's own. */
export const linkBandwidth = (scenario: Scenario, configured: Bandwidth | undefined): Bandwidth | null =>
  configured ?? scenario.bandwidth ?? null;

/** A fixture variant's page: /<family>/<variant> (a family's cases share the page). */
export function variantPath(scenarioId: string, variant: string): string {
  return scenarioById(scenarioId).pages[variant]!;
}

/**
 * The scenarios a run measures: the fixture's catalogue, or a user's app's from its mutation-bench.config.ts (the
 * same model, so the runner has one path). Only the fixture's have claims, probes and a floor server.
 */
export interface Catalogue {
  fixture: boolean;
  scenarios: readonly Scenario[];
  byId(id: string): Scenario;
}

const catalogue = (fixture: boolean, scenarios: readonly Scenario[]): Catalogue => ({
  fixture,
  scenarios,
  byId(id) {
    const scenario = scenarios.find((candidate) => candidate.id === id);
    if (!scenario) throw new Error(`unknown scenario ${id}`);
    return scenario;
  },
});

export const FIXTURE_CATALOGUE = catalogue(true, SCENARIOS);
const appCatalogues = new WeakMap<AppConfig, Catalogue>();

/** The catalogue of a run: its app's when the run has one (Config.app), else the fixture's. */
export function catalogueOf(app: { spec: AppConfig } | undefined): Catalogue {
  if (!app) return FIXTURE_CATALOGUE;
  const known = appCatalogues.get(app.spec) ?? catalogue(false, appScenarios(app.spec));
  appCatalogues.set(app.spec, known);
  return known;
}
