import { z } from 'zod';
import { InteractionSchema } from './interaction';

/**
 * mutation-bench.config.ts: a user's own Next.js app and the interactions to measure on it (README "Measure your own
 * app", docs/own-app.md). Every field is checked on load, and a mistake is refused in one
 * line naming the field and the fix (runner/core/app-config-file.ts).
 */

const pagePath = z
  .string()
  .regex(/^\/[^?#\s]*$/, 'a path on the app starting with "/", without query or fragment (e.g. "/notes/action")');
const appPath = z.string().regex(/^\/\S*$/, 'a path on the app starting with "/" (e.g. "/api/reset")');
const SCENARIO_ID = /^[a-z][a-z0-9-]*$/;

const VariantSchema = z.strictObject({
  /** The page this variant's interaction runs on. */
  page: pagePath,
  /**
   * The round trips its design waits for (1 for a mutation answered in one response; 2 for a POST then a
   * refetch): the known answer its latency's rise per RTT must show. Absent: no known answer for this variant.
   */
  roundTrips: z.number().int().min(1).max(20).optional(),
  /** Requests one interaction sends before its end (default: roundTrips, else 1): fewer fails the interaction. */
  requests: z.number().int().min(1).max(100).optional(),
  /** This variant's own interaction, when it differs from the scenario's. */
  interaction: InteractionSchema.optional(),
});

const ScenarioSchema = z
  .strictObject({
    /** What the user does, in the report's words. */
    summary: z.string().min(1),
    /** The variant every other one is compared against (its A/A twin is measured beside it). */
    baseline: z.string().min(1),
    variants: z
      .record(z.string().regex(SCENARIO_ID, 'variant names are lower-case letters, digits and dashes'), VariantSchema)
      .refine((variants) => Object.keys(variants).length >= 2, 'name at least two variants to compare'),
    /** The interaction every variant runs unless it states its own. */
    interaction: InteractionSchema.optional(),
    /**
     * How to count what the HTTP load persisted: a GET answering {"count": n}, the rows whose label starts with
     * {prefix}. Absent: the load's responses are checked, not what was stored (the report says so).
     */
    persisted: z
      .strictObject({ url: appPath.refine((url) => url.includes('{prefix}'), 'must contain {prefix}') })
      .optional(),
    /** Replayed under HTTP load (default true). */
    httpReplay: z.boolean().optional(),
  })
  .superRefine((scenario, context) => {
    if (!(scenario.baseline in scenario.variants))
      context.addIssue({
        code: 'custom',
        path: ['baseline'],
        message: `names no variant: choose one of ${Object.keys(scenario.variants).join(', ')}`,
      });
    for (const [name, variant] of Object.entries(scenario.variants))
      if (!variant.interaction && !scenario.interaction)
        context.addIssue({
          code: 'custom',
          path: ['variants', name, 'interaction'],
          message: 'is missing: give the scenario an interaction, or this variant one of its own',
        });
  });

export const AppConfigSchema = z.strictObject({
  /** The app: a folder to `next build` and `next start` (relative to the config file), or the URL of one already running. */
  app: z.union(
    [
      z.strictObject({
        dir: z.string().min(1, 'the folder of your Next.js app, relative to this file ("." for the same folder)'),
        /** Added to the build's and the server's environment. */
        env: z.record(z.string(), z.string()).optional(),
      }),
      z.strictObject({
        // The RTT link is a proxy on this machine in front of the app.
        url: z.url({
          protocol: /^https?$/,
          hostname: /^(127\.0\.0\.1|localhost)$/,
          error:
            'an http URL on 127.0.0.1 or localhost: the emulated link is a proxy on this machine in front of the app',
        }),
      }),
    ],
    {
      error:
        'give { dir: "<the app\'s folder, relative to this file>" } or { url: "http://127.0.0.1:<port>" } of an app already running',
    },
  ),
  /**
   * How state is reset before every page load: a URL on the app POSTed to, a shell command run in the config's
   * folder, or 'none' (state accumulates over the run: a growing list makes later page loads slower, in every arm
   * alike since arms are interleaved, and the report says so).
   */
  reset: z.union(
    [z.literal('none'), z.strictObject({ url: appPath }), z.strictObject({ command: z.string().min(1) })],
    {
      error: 'give \'none\', { url: "/api/reset" } (POSTed before every page load) or { command: "<a shell command>" }',
    },
  ),
  scenarios: z
    .record(z.string().regex(SCENARIO_ID, 'scenario ids are lower-case letters, digits and dashes'), ScenarioSchema)
    .refine((scenarios) => Object.keys(scenarios).length >= 1, 'name at least one scenario'),
  /** The duet's gate (--against): a change worse than max(bandPercent, bandMs) beyond doubt is a regression. */
  regression: z
    .strictObject({
      bandPercent: z.number().min(0).max(100).optional(),
      bandMs: z.number().min(0).optional(),
      /** false: a regression is reported (and commented) but the exit code stays 0. Default true: exit 3. */
      failOnRegression: z.boolean().optional(),
    })
    .optional(),
});
export type MutationBenchConfig = z.input<typeof AppConfigSchema>;
export type AppConfig = z.output<typeof AppConfigSchema>;
