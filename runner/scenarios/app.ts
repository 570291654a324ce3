import type { AppConfig } from '../contract/app-config';
import type { Scenario } from './scenario';

/** Why a variant without `roundTrips` in the config has no known answer for its rise per RTT. */
export const NO_STATED_ROUND_TRIPS =
  'the config states no roundTrips for this variant, so its rise per RTT has no known answer';

/**
 * A user's scenarios as the runner's: the same model the fixture's catalogue uses, with what only the fixture has
 * left out (its probes' files, its database's integrity query, a floor server).
 */
export function appScenarios(app: AppConfig): Scenario[] {
  return Object.entries(app.scenarios).map(([id, scenario]) => {
    const variants = Object.entries(scenario.variants);
    const unstated = variants.filter(([, variant]) => variant.roundTrips === undefined);
    const replay = scenario.httpReplay ?? true;
    return {
      id,
      summary: scenario.summary,
      reference: scenario.baseline,
      // A variant without a stated number is still measured; 1 is only where it sits in the rise table.
      expectedRoundTrips: Object.fromEntries(variants.map(([name, variant]) => [name, variant.roundTrips ?? 1])),
      expectedRequests: Object.fromEntries(
        variants.map(([name, variant]) => [name, variant.requests ?? variant.roundTrips ?? 1]),
      ),
      ...(unstated.length && {
        noKnownRttRise: Object.fromEntries(unstated.map(([name]) => [name, NO_STATED_ROUND_TRIPS])),
      }),
      pages: Object.fromEntries(variants.map(([name, variant]) => [name, variant.page])),
      // No claim reads them as a user's click feels: every variant is measured in shipped Chrome when asked.
      shippedChromeVariants: variants.map(([name]) => name),
      // The schema refuses a variant with neither its own interaction nor the scenario's.
      interactions: Object.fromEntries(
        variants.map(([name, variant]) => [name, (variant.interaction ?? scenario.interaction)!]),
      ),
      persisted: scenario.persisted ?? null,
      httpReplay:
        replay && scenario.persisted
          ? true
          : {
              skipped: replay
                ? 'the config names no count of persisted rows (persisted.url), so lost or doubled writes under load could not be told from answered ones'
                : 'the config turns its HTTP replay off (httpReplay: false)',
            },
      transportFiles: {},
    };
  });
}
