import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ResultsSchema, SampleSchema } from '../../runner/contract/results';
import { bench, processesMarked, ROOT } from '../support/cli';
import { PINNED_NEXT } from '../../runner/core/packages';

/**
 * A version matrix end to end, in a cache of its own so that the install really happens (about 2 minutes: Next
 * 15's packages, better-sqlite3 compiled from source) and then really is reused.
 */
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-bench-matrix-'));
const cache = path.join(scratch, 'cache');
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const MATRIX = [
  '--next',
  `15.5.29,${PINNED_NEXT}`,
  '--profile',
  'quick',
  '--suite',
  'browser,probes',
  '--scenarios',
  'counter',
];
const MARKER = 'MUTATION_BENCH_MATRIX_TEST';
/** What `npm ci` installed and what it installs from: a matrix run must leave every byte of it. */
const projectNext = () =>
  ['package.json', 'package-lock.json', 'node_modules/next/package.json', 'node_modules/react/package.json'].map(
    (file) => fs.readFileSync(path.join(ROOT, file), 'utf8'),
  );
const resultsOf = (out: string) =>
  ResultsSchema.parse(JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')));

/**
 * The run is complete and exits as its version gate says: 0, or 1 when the gate finds a regression. At the quick
 * profile's few page loads the gate's verdict is the measurement's (a slow round can decide it), not this test's subject.
 */
function expectCompleteRun(exit: { code: number | null; stderr: string }, out: string): void {
  const results = resultsOf(out);
  expect(results.complete, exit.stderr).toBe(true);
  const regressions = results
    .matrix!.comparisons.flatMap((pair) => pair.comparison)
    .filter((row) => row.verdict === 'regression');
  expect(exit.code, `${exit.stderr}\nregressions: ${regressions.map((row) => row.key).join(', ')}`).toBe(
    regressions.length === 0 ? 0 : 3,
  );
}

describe(`npm run bench -- --next 15.5.29,${PINNED_NEXT} (the pinned version)`, () => {
  const first = path.join(scratch, 'first');
  const stamp = path.join(cache, 'next-15.5.29', 'mutation-bench-install.json');

  it('installs 15.5.29 into its own cache, measures both versions in the same rounds, and leaves the project’s Next as it was', async () => {
    const before = projectNext();
    const exit = await bench([...MATRIX, '--seed', '5', '--out', first], {
      MUTATION_BENCH_CACHE: cache,
      [MARKER]: '1',
    });
    expectCompleteRun(exit, first);
    expect(exit.stdout + exit.stderr).toMatch(/next@15\.5\.29: installing it with react@19\.\d+\.\d+ into/);
    expect(projectNext()).toEqual(before);
    expect(
      JSON.parse(fs.readFileSync(path.join(cache, 'next-15.5.29', 'node_modules', 'next', 'package.json'), 'utf8'))
        .version,
    ).toBe('15.5.29');
    expect(processesMarked(MARKER)).toEqual([]);

    const results = resultsOf(first);
    const [old, pinned] = results.matrix!.versions;
    expect([old!.label, old!.next, old!.bundler, old!.installDir, old!.reusedInstall]).toEqual([
      'next@15.5.29',
      '15.5.29',
      'webpack',
      path.join(cache, 'next-15.5.29'),
      false,
    ]);
    expect([pinned!.label, pinned!.bundler, pinned!.installDir]).toEqual([`next@${PINNED_NEXT}`, 'turbopack', null]);
    // The adapter: Next 15 ran proxy.ts's code as middleware.ts, on the probe paths only.
    for (const version of results.matrix!.versions)
      expect(version.probes!.middleware!.map((row) => row.proxySaw)).toEqual([
        'saw POST /probe/payload',
        'saw POST /api/probe/seen',
        null,
      ]);
    // Both versions in every round, and each version's claims and cells of its own.
    const samples = fs
      .readFileSync(path.join(first, 'samples.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => SampleSchema.parse(JSON.parse(line)));
    const roundsOf = (build: string) =>
      new Set(samples.filter((sample) => sample.build === build).map((sample) => sample.round));
    expect([...roundsOf('next@15.5.29')]).toEqual([...roundsOf(`next@${PINNED_NEXT}`)]);
    expect(results.matrix!.versions.map((version) => version.browser!.cells.length)).toEqual([2, 2]);
    expect(results.matrix!.comparisons.map((pair) => [pair.baseline, pair.candidate])).toEqual([
      ['next@15.5.29', `next@${PINNED_NEXT}`],
    ]);
    // Each cell's latency and its mutation's time to first byte.
    expect(results.matrix!.comparisons[0]!.comparison.map((row) => row.key).sort()).toEqual([
      'browser counter/action at RTT 0 ms',
      'browser counter/action at RTT 0 ms: POST /counter/action time to first byte',
      'browser counter/route at RTT 0 ms',
      'browser counter/route at RTT 0 ms: POST /api/counter time to first byte',
    ]);
    expect(results.environment.next).toBe(PINNED_NEXT);
    expect(fs.readFileSync(path.join(first, 'index.html'), 'utf8')).toContain(
      `next@${PINNED_NEXT} against next@15.5.29`,
    );
  }, 900_000);

  it('a second run reuses the cached install', async () => {
    const installedAt = fs.statSync(stamp).mtimeMs;
    const second = path.join(scratch, 'second');
    const exit = await bench([...MATRIX, '--suite', 'browser', '--seed', '6', '--out', second], {
      MUTATION_BENCH_CACHE: cache,
    });
    expectCompleteRun(exit, second);
    expect(exit.stdout + exit.stderr).toContain(
      `next@15.5.29: reusing the install in ${path.join(cache, 'next-15.5.29')}`,
    );
    expect(exit.stdout + exit.stderr).not.toMatch(/installing it/);
    expect(resultsOf(second).matrix!.versions[0]!.reusedInstall).toBe(true);
    expect(fs.statSync(stamp).mtimeMs).toBe(installedAt);
  }, 600_000);

  it('refuses a version the registry does not have, with one line, exit 2', async () => {
    const exit = await bench(
      ['--next', '15.99.99', '--profile', 'quick', '--suite', 'browser', '--out', path.join(scratch, 'never')],
      { MUTATION_BENCH_CACHE: cache },
    );
    expect(exit.code).toBe(2);
    expect(exit.stderr.trim().split('\n')).toHaveLength(1);
    expect(exit.stderr).toMatch(/--next 15\.99\.99: no such version of next on the npm registry/);
  }, 120_000);
});
