import type { Scenario } from '../scenarios';
import { variantsOf } from '../scenarios';

/**
 * How Chromium schedules input. `no-defer`: DeferRendererTasksAfterInput off, so a response is handled when it
 * arrives (the accuracy reference: the RTT known answer holds within a few ms). `shipped`: Chrome as users run it,
 * which holds network tasks until the frame after a click (see browser/chromium.ts).
 */
export const CHROME_MODES = ['no-defer', 'shipped'] as const;
export type ChromeMode = (typeof CHROME_MODES)[number];

/**
 * Which fixture build an arm measures: this checkout's (`current`); in a duet (`--against <ref>`) also the one
 * built from the ref (`baseline`); in a version matrix (`--next`) one build per Next version (`next@15.5.29`).
 * Every build is served beside the others and sampled in the same rounds.
 */
export type BuildLabel = string;
export const CURRENT_BUILD: BuildLabel = 'current';
export const BASELINE_BUILD: BuildLabel = 'baseline';

/**
 * The builds a run measures, in order. `everyBuildWhole`: each build gets every arm a single run has (its
 * transport comparisons and A/A twin), so each has its own claims (the version matrix); otherwise only the first
 * does, and the others are compared with it build to build (a duet's baseline).
 */
export interface Builds {
  labels: readonly [BuildLabel, ...BuildLabel[]];
  everyBuildWhole: boolean;
}
export const SINGLE_BUILD: Builds = { labels: [CURRENT_BUILD], everyBuildWhole: false };
export const DUET_BUILDS: Builds = { labels: [CURRENT_BUILD, BASELINE_BUILD], everyBuildWhole: false };

/** One measured stream of samples: a variant of a build at an RTT in a Chrome mode. The A/A twin repeats the reference variant. */
export interface Arm {
  scenario: string;
  variant: string;
  twin: boolean;
  rttMs: number;
  chrome: ChromeMode;
  build: BuildLabel;
}

export function armKey(arm: Arm): string {
  return `${arm.scenario}/${arm.variant}${arm.twin ? '#aa' : ''}@${arm.rttMs}${arm.chrome === 'shipped' ? '/shipped' : ''}${arm.build === CURRENT_BUILD ? '' : `~${arm.build}`}`;
}

/** The browser page an arm is measured in: one per Chrome mode and build, and one more with JavaScript disabled (nojs). */
export const sessionKey = (arm: Pick<Arm, 'chrome' | 'build'>, javaScript = true): string =>
  `${arm.chrome}/${arm.build}${javaScript ? '' : '/no-js'}`;

/** A comparison within one group: `b` is always the Server Action (reference) arm. */
export interface PlannedComparison {
  scenario: string;
  rttMs: number;
  chrome: ChromeMode;
  a: Arm;
  b: Arm;
  /** The A/A control: the reference against its own twin. */
  aa: boolean;
}

/** The arms of one scenario at one RTT in one Chrome mode: sampled in the same rounds until the group stops. */
export interface ArmGroup {
  key: string;
  scenario: string;
  rttMs: number;
  chrome: ChromeMode;
  arms: Arm[];
  comparisons: PlannedComparison[];
  /**
   * Build against build, variant by variant: in a duet this checkout's arm (a) against the baseline's (b); in a
   * version matrix each version's arm (a) against the version listed before it (b).
   */
  buildComparisons: { a: Arm; b: Arm }[];
}

export interface Plan {
  groups: ArmGroup[];
  arms: Arm[];
  comparisons: PlannedComparison[];
}

/** The variants a scenario measures in a Chrome mode: all of them in no-defer, its declared few in shipped. */
function variantsIn(scenario: Scenario, chrome: ChromeMode): string[] {
  return chrome === 'no-defer' ? variantsOf(scenario) : (scenario.shippedChromeVariants ?? []);
}

export function makePlan(
  scenarios: readonly Scenario[],
  rttMs: readonly number[],
  modes: readonly ChromeMode[] = ['no-defer'],
  builds: Builds = SINGLE_BUILD,
): Plan {
  const groups: ArmGroup[] = [];
  const [first, ...others] = builds.labels;
  for (const chrome of modes) {
    for (const scenario of scenarios) {
      const variants = variantsIn(scenario, chrome);
      if (!variants.includes(scenario.reference)) continue;
      for (const rtt of rttMs) {
        // One build's arms: the reference, the other variants and the reference's A/A twin, with their comparisons.
        const wholeBuild = (build: BuildLabel) => {
          const reference: Arm = {
            scenario: scenario.id,
            variant: scenario.reference,
            twin: false,
            rttMs: rtt,
            chrome,
            build,
          };
          const twin: Arm = { ...reference, twin: true };
          const rest = variants
            .filter((variant) => variant !== scenario.reference)
            .map((variant): Arm => ({ ...reference, variant }));
          const common = { scenario: scenario.id, rttMs: rtt, chrome, b: reference };
          return {
            variants: [reference, ...rest],
            arms: [reference, ...rest, twin],
            comparisons: [...rest.map((a) => ({ ...common, a, aa: false })), { ...common, a: twin, aa: true }],
          };
        };
        const whole = [first, ...(builds.everyBuildWhole ? others : [])].map(wholeBuild);
        const firstVariants = whole[0]!.variants;
        // A duet's baseline measures every variant once (its A/A is the current build's twin).
        const compareOnly = builds.everyBuildWhole
          ? []
          : others.map((build) => firstVariants.map((arm) => ({ ...arm, build })));
        const buildComparisons = builds.everyBuildWhole
          ? whole
              .slice(1)
              .flatMap((later, index) => later.variants.map((a, at) => ({ a, b: whole[index]!.variants[at]! })))
          : compareOnly.flatMap((twins) => firstVariants.map((a, at) => ({ a, b: twins[at]! })));
        groups.push({
          key: `${scenario.id}@${rtt}${chrome === 'shipped' ? '/shipped' : ''}`,
          scenario: scenario.id,
          rttMs: rtt,
          chrome,
          arms: [...whole.flatMap((build) => build.arms), ...compareOnly.flat()],
          comparisons: whole.flatMap((build) => build.comparisons),
          buildComparisons,
        });
      }
    }
  }
  return {
    groups,
    arms: groups.flatMap((group) => group.arms),
    comparisons: groups.flatMap((group) => group.comparisons),
  };
}

/**
 * The calibration plan: every variant (in every mode) against its own twin, one group each, so every comparison
 * is an A/A whose true difference is 0 (npm run calibrate counts how often its CI excludes 0).
 */
export function makeAaPlan(
  scenarios: readonly Scenario[],
  rttMs: readonly number[],
  modes: readonly ChromeMode[],
): Plan {
  const groups: ArmGroup[] = [];
  for (const chrome of modes) {
    for (const scenario of scenarios) {
      for (const variant of variantsIn(scenario, chrome)) {
        for (const rtt of rttMs) {
          const arm: Arm = { scenario: scenario.id, variant, twin: false, rttMs: rtt, chrome, build: CURRENT_BUILD };
          const twin: Arm = { ...arm, twin: true };
          groups.push({
            key: armKey(arm),
            scenario: scenario.id,
            rttMs: rtt,
            chrome,
            arms: [arm, twin],
            comparisons: [{ scenario: scenario.id, rttMs: rtt, chrome, a: twin, b: arm, aa: true }],
            buildComparisons: [],
          });
        }
      }
    }
  }
  return {
    groups,
    arms: groups.flatMap((group) => group.arms),
    comparisons: groups.flatMap((group) => group.comparisons),
  };
}
