import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import type { Results, VersionSection } from '../../runner/contract/results';
import { readResults } from '../../runner/contract/store';
import { ROOT } from './cli';

/** The recorded default run (seed 951): counter and revalidate in the browser at RTT 0, 60, 120, load and probes. */
const RECORDED = readResults(path.join(ROOT, 'test', 'fixtures', 'runs', 'seed-951'));

/**
 * A complete version-matrix run as `--next` writes it, each version's sections the recorded run's with every browser
 * median (and its samples) `slowerMs(version)` later, so that a trend shows which version is which.
 */
export function matrixResults(run: {
  runId: string;
  startedAt: string;
  versions: readonly string[];
  slowerMs: (version: string) => number;
}): Results {
  const browser = RECORDED.browser!;
  const sections = run.versions.map((version): VersionSection => ({
    label: `next@${version}`,
    next: version,
    react: '19.3.1',
    reactDom: '19.3.1',
    bundler: semver.major(version) >= 16 ? 'turbopack' : 'webpack',
    installDir: `/cache/next-${version}`,
    reusedInstall: false,
    browser: {
      ...browser,
      cells: browser.cells.map((cell) => ({
        ...cell,
        medianMs: cell.medianMs + run.slowerMs(version),
        samplesMs: cell.samplesMs.map((ms) => ms + run.slowerMs(version)),
      })),
    },
    http: RECORDED.http,
    probes: RECORDED.probes,
    claims: RECORDED.claims,
  }));
  const last = sections.at(-1)!;
  return {
    ...RECORDED,
    runId: run.runId,
    startedAt: run.startedAt,
    finishedAt: run.startedAt,
    config: { ...RECORDED.config, profile: 'ci', next: run.versions },
    browser: last.browser,
    http: last.http,
    probes: last.probes,
    claims: last.claims,
    matrix: { versions: sections, band: { pct: 5, ms: 2 }, comparisons: [] },
  };
}

/** The same, written as the run folder `dir` (results.json only: no samples to publish). */
export function writeMatrixRun(dir: string, run: Parameters<typeof matrixResults>[0]): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'results.json'), JSON.stringify(matrixResults(run)));
  return dir;
}
