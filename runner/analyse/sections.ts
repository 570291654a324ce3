import { summarizeHttp } from './load';
import { FLOOR, type HttpConditions, MeasuredVersion, RepeatRecord, WarmupRecord } from '../contract/records';
import { CURRENT_BUILD, makePlan, type BuildLabel } from '../core/plan';
import type { Bandwidth } from '../contract/results';
import { FIXTURE_CATALOGUE, linkBandwidth, variantsOf, type Catalogue, type Scenario } from '../scenarios';
import { summarize, type SizeCheck } from './cells';
import { evaluateClaims, type ClaimInput } from './claims/claims';
import { versionComparisons } from './compare/compare';
import { probeRowChanges } from './compare/probe-rows';
import type { BrowserResults, HttpResults, NoiseBand, Results, Sample, VersionSection } from '../contract/results';

/**
 * A run's browser section from what was measured: the samples summarized by the plan they were taken under.
 * The run itself and `npm run report -- --recompute` both build it here, so a recompute of unchanged code gives
 * back the same numbers.
 */
export function browserResultsOf(input: {
  scenarios: readonly string[];
  rttMs: readonly number[];
  measured: Pick<BrowserResults, 'rttEmulation' | 'chromeModes' | 'wallSeconds' | 'groups' | 'rounds' | 'uncommitted'>;
  /** Measured samples only (warm-ups are kept in samples.jsonl, never summarized). */
  samples: readonly Sample[];
  failedArms: ReadonlySet<string>;
  /** The build summarized (a version matrix summarizes each); this checkout's by default. */
  build?: BuildLabel;
  /** --bandwidth, when given: the link of every scenario. */
  bandwidth?: Bandwidth;
  /** The scenarios' catalogue: the fixture's, or a user's app's (--config). */
  catalogue?: Catalogue;
}): BrowserResults {
  const build = input.build ?? CURRENT_BUILD;
  const scenarioById = (input.catalogue ?? FIXTURE_CATALOGUE).byId;
  const { measured } = input;
  return {
    ...measured,
    failedArms: [...input.failedArms],
    ...summarize({
      plan: makePlan(input.scenarios.map(scenarioById), input.rttMs, measured.chromeModes, {
        labels: [build],
        everyBuildWhole: true,
      }),
      // A duet's baseline arms are compared build to build (runner/analyse/compare), never summarized as this checkout's cells.
      samples: input.samples.filter((sample) => sample.build === build),
      expectedRoundTrips: (scenario, variant) => scenarioById(scenario).expectedRoundTrips[variant] ?? 0,
      noKnownRttRise: (scenario, variant) => scenarioById(scenario).noKnownRttRise?.[variant],
      marksOf: (scenario) => scenarioById(scenario).markRoundTrips ?? {},
      sizeChecks: sizeChecksOf(input.scenarios.map(scenarioById), input.bandwidth),
      groups: measured.groups,
      failedArms: input.failedArms,
      uncommitted: (measured.uncommitted ?? []).filter(
        (interaction) => interaction.build === build && !interaction.warmup,
      ),
      linkOf: (scenario) => linkBandwidth(scenarioById(scenario), input.bandwidth),
    }),
  };
}

/** The bandwidth known answers of the measured cases: each against its family's smaller case, in the variants that accept both. */
function sizeChecksOf(scenarios: readonly Scenario[], configured: Bandwidth | undefined): SizeCheck[] {
  return scenarios.flatMap((scenario) => {
    const against = scenarios.find(({ id }) => id === scenario.sizeReference);
    const bandwidth = linkBandwidth(scenario, configured);
    if (!against || !bandwidth) return [];
    const accepted = (of: Scenario) => variantsOf(of).filter((variant) => of.refusalStatus?.[variant] === undefined);
    return [
      {
        scenario: scenario.id,
        against: against.id,
        bandwidth,
        variants: accepted(scenario).filter((variant) => accepted(against).includes(variant)),
      },
    ];
  });
}

/** A run's HTTP section from its load repeats (http-repeats.jsonl) of one build, for the run and for a recompute alike. */
export function httpResultsOf(
  conditions: HttpConditions,
  records: readonly RepeatRecord[],
  warmups: readonly WarmupRecord[],
  build: BuildLabel = CURRENT_BUILD,
  catalogue: Catalogue = FIXTURE_CATALOGUE,
): HttpResults {
  // The floor belongs to no build: every version of a matrix is set against the same floor.
  const ofBuild = <T extends Pick<RepeatRecord, 'variant' | 'build'>>(rows: readonly T[]) =>
    rows.filter((row) => row.variant === FLOOR || (row.build ?? CURRENT_BUILD) === build);
  return {
    ...conditions,
    ...summarizeHttp(ofBuild(records), (scenario) => catalogue.byId(scenario).reference, ofBuild(warmups)),
  };
}

/**
 * A version matrix from what was measured, for the run and for a recompute alike: every version's sections
 * summarized from its own samples and load repeats, its claims, and each version against the one before it.
 */
export function matrixResultsOf(input: {
  versions: readonly MeasuredVersion[];
  /** Absent when the browser suite did not run. */
  browser?: Omit<Parameters<typeof browserResultsOf>[0], 'build'>;
  repeats: readonly RepeatRecord[];
  warmups: readonly WarmupRecord[];
  run: ClaimInput['run'];
  band: NoiseBand;
}): NonNullable<Results['matrix']> {
  const versions = input.versions.map(({ version, http: conditions }): VersionSection => {
    const browser = input.browser && browserResultsOf({ ...input.browser, build: version.label });
    const http = conditions && httpResultsOf(conditions, input.repeats, input.warmups, version.label);
    return {
      ...version,
      browser,
      http,
      claims: evaluateClaims({ run: input.run, browser, http, probes: version.probes }),
    };
  });
  return {
    versions,
    band: input.band,
    comparisons: versionComparisons(versions, input.browser?.samples ?? [], input.band),
    probeChanges: probeRowChanges(versions),
  };
}
