import type { Locator } from 'playwright-core';
import { fixtureScenario } from '../../bench-app/lib/scenarios';
import type { Interaction } from '../contract/interaction';
import type { Bandwidth } from '../contract/results';

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
  /**
   * Requests one interaction of each variant sends before its end: the capture for HTTP replay settles on this count,
   * and an interaction that sent fewer failed (a refresh that never happened is never a fast interaction).
   */
  expectedRequests: Record<string, number>;
  /**
   * How long the page must start no request after the end before the interaction's capture closes (absent: 0, the
   * capture closes once nothing is in flight). A page with links sets it: the router prefetches them again right after a
   * refresh commits, and those requests are the interaction's (counted, and kept out of the next one's window). Not
   * every scenario pays it: at 100 ms after each of the default run's interactions it cost 40% of its page loads.
   */
  settleQuietMs?: number;
  /** By variant, what each request of its design is, in order: how a missing one is named when an interaction failed for it. */
  requestChain?: Record<string, readonly string[]>;
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
  /**
   * How integrity under load is counted: the fixture family's query over its database (bench-app/lib/scenarios.ts:
   * what it holds for scopes LIKE ?), or a URL on a user's app answering {"count": n} for `{prefix}`; null: the
   * load's responses are checked, not what was stored.
   */
  persisted: { sql: string } | { url: string } | null;
  /** Each variant's page on the app. */
  pages: Record<string, string>;
  /**
   * Each variant's interaction (runner/contract/interaction.ts): how its page is made ready, what is clicked and
   * which states end it. Its texts are known before the click, so the end cannot fire early.
   */
  interactions: Record<string, Interaction>;
}

/** What a scenario module states: a Scenario without the fields defineScenario fills in when they are the usual. */
export type ScenarioDefinition = Omit<
  Scenario,
  'reference' | 'expectedRequests' | 'persisted' | 'pages' | 'interactions'
> &
  Partial<Pick<Scenario, 'reference' | 'expectedRequests'>> & {
    /** The interaction of every variant not named in `variantInteractions`. */
    interaction: Interaction;
    variantInteractions?: Record<string, Interaction>;
  };

export const familyOf = (scenario: Pick<Scenario, 'id' | 'family'>): string => scenario.family ?? scenario.id;

/**
 * A catalogue entry, with what most scenarios share unless stated: the Server Action variant `action` is the
 * reference, each round trip is one request, each variant is its own page (/<family>/<variant>: a family's cases
 * share it), and integrity is the fixture's query for the family (bench-app/lib/scenarios.ts).
 */
export function defineScenario({ interaction, variantInteractions, ...definition }: ScenarioDefinition): Scenario {
  const variants = Object.keys(definition.expectedRoundTrips);
  return {
    reference: 'action',
    expectedRequests: definition.expectedRoundTrips,
    persisted: { sql: fixtureScenario(familyOf(definition)).persistedSql },
    pages: Object.fromEntries(variants.map((variant) => [variant, `/${familyOf(definition)}/${variant}`])),
    interactions: Object.fromEntries(
      variants.map((variant) => [variant, variantInteractions?.[variant] ?? interaction]),
    ),
    ...definition,
  };
}

/** The variants' own files: the action file and page, the Route Handler and the route page with its client component. */
export const ownFiles = (family: string, routeClient: string) => ({
  action: [`app/${family}/actions.ts`, `app/${family}/action/page.tsx`],
  route: [
    `app/api/${family}/route.ts`,
    'lib/route-handler.ts',
    `app/${family}/route/${routeClient}`,
    `app/${family}/route/page.tsx`,
  ],
});
