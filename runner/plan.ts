import type { Scenario } from './scenarios';
import { variantsOf } from './scenarios';

/**
 * How Chromium schedules input. `no-defer`: DeferRendererTasksAfterInput off, so a response is handled when it
 * arrives (the accuracy reference: the RTT known answer holds within a few ms). `shipped`: Chrome as users run it,
 * which holds network tasks until the frame after a click (see browser/chromium.ts).
 */
export const CHROME_MODES = ['no-defer', 'shipped'] as const;
export type ChromeMode = (typeof CHROME_MODES)[number];

/**
 * Which fixture build an arm measures: this checkout's (`current`) or, in a duet (`--against <ref>`), the one
 * built from the ref, served beside it and sampled in the same rounds.
 */
export const BUILDS = ['current', 'baseline'] as const;
export type BuildLabel = (typeof BUILDS)[number];

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
  return `${arm.scenario}/${arm.variant}${arm.twin ? '#aa' : ''}@${arm.rttMs}${arm.chrome === 'shipped' ? '/shipped' : ''}${arm.build === 'baseline' ? '~baseline' : ''}`;
}

/** The browser page an arm is measured in: one per Chrome mode and build. */
export const sessionKey = (arm: Pick<Arm, 'chrome' | 'build'>): string => `${arm.chrome}/${arm.build}`;

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
  /** In a duet: each current arm (a) against the same arm of the baseline build (b). */
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

export function makePlan(scenarios: readonly Scenario[], rttMs: readonly number[], modes: readonly ChromeMode[] = ['no-defer'], builds: readonly BuildLabel[] = ['current']): Plan {
  const groups: ArmGroup[] = [];
  for (const chrome of modes) {
    for (const scenario of scenarios) {
      const variants = variantsIn(scenario, chrome);
      if (!variants.includes(scenario.reference)) continue;
      for (const rtt of rttMs) {
        const reference: Arm = { scenario: scenario.id, variant: scenario.reference, twin: false, rttMs: rtt, chrome, build: 'current' };
        const twin: Arm = { ...reference, twin: true };
        const others = variants
          .filter((variant) => variant !== scenario.reference)
          .map((variant): Arm => ({ ...reference, variant }));
        const common = { scenario: scenario.id, rttMs: rtt, chrome, b: reference };
        // The baseline build's arms: every variant once (its A/A is the current build's twin).
        const buildComparisons = builds.includes('baseline') ? [reference, ...others].map((a) => ({ a, b: { ...a, build: 'baseline' as const } })) : [];
        groups.push({
          key: `${scenario.id}@${rtt}${chrome === 'shipped' ? '/shipped' : ''}`,
          scenario: scenario.id,
          rttMs: rtt,
          chrome,
          arms: [reference, ...others, twin, ...buildComparisons.map(({ b }) => b)],
          comparisons: [...others.map((a) => ({ ...common, a, aa: false })), { ...common, a: twin, aa: true }],
          buildComparisons,
        });
      }
    }
  }
  return { groups, arms: groups.flatMap((group) => group.arms), comparisons: groups.flatMap((group) => group.comparisons) };
}

/**
 * The calibration plan: every variant (in every mode) against its own twin, one group each, so every comparison
 * is an A/A whose true difference is 0 (npm run calibrate counts how often its CI excludes 0).
 */
export function makeAaPlan(scenarios: readonly Scenario[], rttMs: readonly number[], modes: readonly ChromeMode[]): Plan {
  const groups: ArmGroup[] = [];
  for (const chrome of modes) {
    for (const scenario of scenarios) {
      for (const variant of variantsIn(scenario, chrome)) {
        for (const rtt of rttMs) {
          const arm: Arm = { scenario: scenario.id, variant, twin: false, rttMs: rtt, chrome, build: 'current' };
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
  return { groups, arms: groups.flatMap((group) => group.arms), comparisons: groups.flatMap((group) => group.comparisons) };
}
