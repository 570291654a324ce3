import { errors } from 'playwright-core';
import type { AppConfig } from '../../contract/app-config';
import { FixtureError, InteractionError, UserError } from '../../core/errors';
import type { Scenario } from '../../scenarios';
import type { BrowserSession } from '../browser/session';
import type { StateReset } from './reset';

/** Where in the config a variant's interaction is: its own, or its scenario's. */
function interactionField(app: AppConfig, scenario: string, variant: string): string {
  return app.scenarios[scenario]?.variants[variant]?.interaction
    ? `scenarios.${scenario}.variants.${variant}.interaction`
    : `scenarios.${scenario}.interaction`;
}

/**
 * Before anything is measured, each variant of a user's scenarios runs its interaction once on every build served,
 * at RTT 0. A page that does not load, a step or trigger whose element is not there, a page that never shows the
 * expected state: each is the config's mistake (or the app's), refused in one line naming the scenario, the variant,
 * the field and the fix, so a broken config never turns into a run of failed cells.
 */
export async function checkInteractions(options: {
  app: AppConfig;
  configFile: string;
  scenarios: readonly Scenario[];
  /** One JavaScript session per build served, with that build's origin. */
  sessions: readonly { session: BrowserSession; origin: string }[];
  reset: StateReset | null;
  timeoutMs: number;
}): Promise<void> {
  let index = 0;
  for (const { session, origin } of options.sessions) {
    for (const scenario of options.scenarios) {
      for (const [variant, page] of Object.entries(scenario.pages)) {
        const scope = `preflight${(index++).toString(36).padStart(2, '0')}`;
        const field = interactionField(options.app, scenario.id, variant);
        const refuse = (what: string, fix: string) =>
          new UserError(`${scenario.id}/${variant} on ${page}: ${what}: ${fix} (${options.configFile})`);
        try {
          await options.reset?.(origin);
          await session.load(page, scope);
          const outcome = await session.interact(scenario, variant, `${scope}-0`, options.timeoutMs);
          if (!outcome.committed)
            throw refuse(
              `the page did not show ${outcome.expected} within ${options.timeoutMs} ms after the click, though its requests were answered`,
              `fix ${field}.expect, or the app`,
            );
        } catch (error) {
          if (error instanceof UserError) throw error;
          if (error instanceof InteractionError) throw refuse(error.message, `fix ${field}.${error.part}`);
          if (error instanceof FixtureError || error instanceof errors.TimeoutError)
            throw refuse(
              error.message.split('\n')[0]!,
              `fix the app, or scenarios.${scenario.id}.variants.${variant} (its page, roundTrips, requests)`,
            );
          throw error;
        }
      }
    }
  }
}
