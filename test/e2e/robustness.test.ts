import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, buildHash, isBuildCurrent, LOCKFILE } from '../../runner/measure/fixture/app-server';
import { recordedVariables } from '../../runner/measure/environment';
import { acquireCheckoutLock } from '../../runner/measure/fixture/lock';
import { ResultsSchema, SampleSchema, type Results } from '../../runner/contract/results';
import { writeFileAtomically } from '../../runner/contract/store';
import { bench, listeningAddresses, processesMarked, ROOT, start, type Exit } from '../support/cli';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-bench-faults-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const lines = (file: string) =>
  fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0;

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

interface Faulted {
  exit: Exit;
  /** From the fault (the end of the fault function) to the process's exit. */
  exitMs: number;
  /** From the fault until no process the run started was left (the run's own included). */
  goneMs: number;
  /** What the run's processes listened on just before the fault. */
  listening: string[];
  results: Results;
  out: string;
  secret: string;
}

/**
 * Starts a quick run with a marker and a planted secret in its environment, waits until `ready` holds for its
 * folder, injects `fault` (which may act while the run is live), and follows the run to its end.
 */
async function runWithFault(
  args: string[],
  ready: (out: string) => boolean,
  fault: (run: ReturnType<typeof start>, marker: string) => Promise<void>,
): Promise<Faulted> {
  const out = path.join(scratch, randomUUID());
  const marker = `MUTATION_BENCH_TEST_${randomUUID().replaceAll('-', '_')}`;
  const secret = `planted-${randomUUID()}`;
  const started = start('commands/bench.ts', ['--profile', 'quick', '--seed', '5', '--out', out, ...args], {
    [marker]: '1',
    BENCH_API_TOKEN: secret,
    AWS_SECRET_ACCESS_KEY: secret,
  });
  try {
    await waitFor(
      () => ready(out),
      120_000,
      `the run to reach its fault point (output so far: ${started.output().slice(-400)})`,
    );
  } catch (error) {
    started.child.kill('SIGKILL');
    throw error;
  }
  const listening = listeningAddresses(processesMarked(marker).map(({ pid }) => pid));
  // The fault strikes at the end of `fault` (which may first do other things while the run is live).
  await fault(started, marker);
  const faultAt = Date.now();
  const exit = await started.exit;
  const exitMs = Date.now() - faultAt;
  await waitFor(
    () => processesMarked(marker).length === 0,
    10_000,
    `the run's processes to end: ${JSON.stringify(processesMarked(marker))}`,
  ).catch(() => undefined);
  const goneMs = Date.now() - faultAt;
  const resultsFile = path.join(out, 'results.json');
  if (!fs.existsSync(resultsFile))
    throw new Error(`no results.json after exit ${exit.code}: ${exit.stdout.slice(-600)}\n${exit.stderr.slice(-1200)}`);
  const results = ResultsSchema.parse(JSON.parse(fs.readFileSync(resultsFile, 'utf8')));
  return { exit, exitMs, goneMs, listening, results, out, secret };
}

/** Measured (not warm-up) browser samples on disk: results.json must account for every one. */
function measuredSamples(out: string): number {
  return fs
    .readFileSync(path.join(out, 'samples.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => SampleSchema.parse(JSON.parse(line)))
    .filter((sample) => !sample.warmup && !sample.twin).length;
}

function expectKeptAndReported(faulted: Faulted, reason: RegExp): void {
  const { results, out } = faulted;
  expect(results.complete).toBe(false);
  expect(results.failures.map((failure) => failure.message)).toEqual([expect.stringMatching(reason)]);
  expect(results.browser!.cells.reduce((sum, cell) => sum + cell.n, 0)).toBe(measuredSamples(out));
  const report = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
  expect(report).toContain('incomplete');
  for (const file of [path.join(out, 'results.json'), path.join(out, 'index.html')])
    expect(fs.readFileSync(file, 'utf8')).not.toContain(faulted.secret);
  expect(fs.readdirSync(out).filter((name) => name.includes('.tmp') || name.startsWith('.'))).toEqual([]);
}

/** Servers the tool starts listen on loopback only: never on a wildcard or an outside address. */
function expectLoopbackOnly(addresses: string[], atLeast: number): void {
  expect(addresses.length).toBeGreaterThanOrEqual(atLeast);
  for (const address of addresses) expect(address).toMatch(/^127\.0\.0\.1:\d+$/);
}

describe('stopped from outside: what was measured is kept, the report says incomplete, no process is left', () => {
  it('Ctrl-C in the browser phase', async () => {
    const faulted = await runWithFault(
      ['--suite', 'browser,http', '--scenarios', 'counter', '--rtt', '0'],
      (out) => lines(path.join(out, 'samples.jsonl')) >= 4,
      async (run) => void run.child.kill('SIGINT'),
    );
    expect(faulted.exit.code).toBe(130);
    expect(faulted.exitMs).toBeLessThan(5000);
    expect(faulted.goneMs).toBeLessThan(5000);
    expectKeptAndReported(faulted, /^run stopped early, what was measured before is kept: interrupted by SIGINT$/);
    expect(faulted.results.browser!.cells.length).toBeGreaterThan(0);
    expect(faulted.results.http!.cells).toEqual([]);
    // The RTT proxy (in the runner) and the fixture server.
    expectLoopbackOnly(faulted.listening, 2);
    // A secret-looking variable the tool reads is named, its value never written; an unrelated one not at all.
    expect(faulted.results.environment.variables).toMatchObject({ BENCH_API_TOKEN: '(set; value not recorded)' });
    expect(faulted.results.environment.variables).not.toHaveProperty('AWS_SECRET_ACCESS_KEY');
  }, 180_000);

  it('Ctrl-C in the HTTP phase keeps the browser phase and the load repeats done; a second run meanwhile is refused', async () => {
    const second = path.join(scratch, 'second');
    let refused: Exit | undefined;
    const faulted = await runWithFault(
      // 4 blocks of 0.2 s windows with the floor (a second server to check): the load phase outlasts the second
      // run's refusal, and its warm-up (windows of 0.1 s) reaches the first measured window within the wait.
      [
        '--suite',
        'browser,http',
        '--scenarios',
        'counter',
        '--rtt',
        '0',
        '--repeats',
        '4',
        '--window',
        '0.2',
        '--floor',
        'on',
      ],
      (out) => lines(path.join(out, 'http-repeats.jsonl')) >= 1,
      async (run) => {
        refused = await bench(['--profile', 'quick', '--out', second]);
        run.child.kill('SIGINT');
      },
    );
    expect(refused!.code).toBe(2);
    expect(refused!.stderr.trim()).toMatch(
      /^mutation-bench: another run \(pid \d+, bench\.ts .*\) is using this checkout's fixture and database: wait for it to end or stop it \(lock: bench-app\/data\/run\.lock\)$/,
    );
    expect(fs.existsSync(second)).toBe(false);
    // The lock went with the run: the next run may start.
    expect(fs.existsSync(path.join(ROOT, 'bench-app', 'data', 'run.lock'))).toBe(false);

    expect(faulted.exit.code).toBe(130);
    expect(faulted.exitMs).toBeLessThan(5000);
    expect(faulted.goneMs).toBeLessThan(5000);
    expectKeptAndReported(faulted, /interrupted by SIGINT$/);
    // The action and the route (the action's A/A twin is a comparison, not a cell).
    expect(faulted.results.browser!.cells).toHaveLength(2);
    const repeats = faulted.results.http!.cells.reduce((sum, cell) => sum + cell.perRepeat.length, 0);
    expect(repeats).toBeGreaterThanOrEqual(1);
    expect(repeats).toBe(lines(path.join(faulted.out, 'http-repeats.jsonl')));
    // The fixture and the floor server.
    expectLoopbackOnly(faulted.listening, 2);
  }, 180_000);

  it('SIGTERM exits 143 the same way', async () => {
    const faulted = await runWithFault(
      ['--suite', 'browser', '--scenarios', 'counter', '--rtt', '0'],
      (out) => lines(path.join(out, 'samples.jsonl')) >= 4,
      async (run) => void run.child.kill('SIGTERM'),
    );
    expect(faulted.exit.code).toBe(143);
    expect(faulted.goneMs).toBeLessThan(5000);
    expectKeptAndReported(faulted, /interrupted by SIGTERM$/);
  }, 180_000);

  it('the fixture server killed mid-run stops the run with exit 1 and a clear message', async () => {
    let killed = 0;
    const faulted = await runWithFault(
      ['--suite', 'browser', '--scenarios', 'counter', '--rtt', '0', '--timeout', '3000'],
      (out) => lines(path.join(out, 'samples.jsonl')) >= 4,
      async (_run, marker) => {
        killed = processesMarked(marker).find(({ command }) => command.startsWith('next-server'))!.pid;
        process.kill(killed, 'SIGKILL');
      },
    );
    expect(faulted.exit.code).toBe(1);
    expect(faulted.exit.stderr).toContain(
      `mutation-bench: run failed: the fixture server (pid ${killed}) exited while the run was using it (SIGKILL); its log: ${path.join(faulted.out, 'server.log')}`,
    );
    expectKeptAndReported(
      faulted,
      /^run stopped early, what was measured before is kept: the fixture server \(pid \d+\) exited while the run was using it \(SIGKILL\)/,
    );
    expect(faulted.goneMs).toBeLessThan(10_000);
  }, 180_000);
});

describe('HTTP load sized by the connection count', () => {
  it('--connections 60 runs: the warm-up and the amount grow with the connections', async () => {
    const out = path.join(scratch, 'connections-60');
    const exit = await bench([
      '--profile',
      'quick',
      '--suite',
      'http',
      '--scenarios',
      'counter',
      '--connections',
      '60',
      '--encoding',
      'identity',
      '--out',
      out,
    ]);
    expect(exit.stderr).not.toMatch(/FAILED|run failed/);
    expect(exit.code).toBe(0);
    const results = ResultsSchema.parse(JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')));
    expect(results.http!.cells.length).toBe(4);
    for (const cell of results.http!.cells) {
      expect(cell.connections).toBe(60);
      expect(cell.failed).toBeNull();
      expect(cell.persisted).toBe(cell.acknowledged);
    }
  }, 180_000);
});

describe('the checkout lock', () => {
  const lockFile = path.join(scratch, 'locks', 'run.lock');
  /** Another process trying to take the lock: its exit code and message. */
  const otherProcessTakes = () =>
    spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import('${path.join(ROOT, 'runner', 'measure', 'fixture', 'lock.ts')}').then((lock) => lock.acquireCheckoutLock(${JSON.stringify(lockFile)})).then(() => console.log('taken'), (error) => { console.log(error.message); process.exit(2); })`,
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );

  it('refuses another process while held, is re-entrant within one, and is gone after the last release', () => {
    const release = acquireCheckoutLock(lockFile);
    const again = acquireCheckoutLock(lockFile);
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf8')).pid).toBe(process.pid);
    const other = otherProcessTakes();
    expect(other.status).toBe(2);
    expect(other.stdout.trim()).toMatch(
      new RegExp(
        `^another run \\(pid ${process.pid}, .*\\) is using this checkout's fixture and database: wait for it to end or stop it`,
      ),
    );
    again();
    expect(fs.existsSync(lockFile)).toBe(true);
    release();
    expect(fs.existsSync(lockFile)).toBe(false);
    expect(otherProcessTakes().stdout.trim()).toBe('taken');
    // That process exited holding it: its exit handler removed the file.
    expect(fs.existsSync(lockFile)).toBe(false);
  });

  it('takes over a lock whose process is gone (a run killed with SIGKILL)', () => {
    const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    fs.mkdirSync(path.dirname(lockFile), { recursive: true });
    fs.writeFileSync(
      lockFile,
      JSON.stringify({ pid: Number(gone.stdout.trim()), startedAt: '2026-01-01T00:00:00.000Z', command: 'bench.ts' }),
    );
    const release = acquireCheckoutLock(lockFile);
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf8')).pid).toBe(process.pid);
    release();
  });
});

describe('result files are written atomically', () => {
  it('replaces the file by rename (a new inode, no temp file left), never rewrites it in place', () => {
    const file = path.join(scratch, 'atomic', 'results.json');
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, '{"old": true}');
    const before = fs.statSync(file).ino;
    writeFileAtomically(file, '{"new": true}');
    expect(fs.readFileSync(file, 'utf8')).toBe('{"new": true}');
    expect(fs.statSync(file).ino).not.toBe(before);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['results.json']);
  });
});

describe('the fixture build stamp', () => {
  beforeAll(async () => {
    await buildFixture(path.join(scratch, 'build.log'));
  }, 300_000);

  it('covers the lockfile: a dependency change forces a rebuild', () => {
    expect(isBuildCurrent(buildHash())).toBe(true);
    const upgraded = path.join(scratch, 'package-lock.json');
    const lock = JSON.parse(fs.readFileSync(LOCKFILE, 'utf8'));
    // As if TanStack Query had been upgraded: the fixture's sources and Next are unchanged.
    lock.packages['node_modules/@tanstack/react-query'].version = '5.999.0';
    fs.writeFileSync(upgraded, JSON.stringify(lock, null, 2));
    expect(buildHash(upgraded)).not.toBe(buildHash());
    expect(isBuildCurrent(buildHash(upgraded))).toBe(false);
  });
});

describe('recorded environment variables', () => {
  it('keeps the ones that change the measurement and never a secret-looking value', () => {
    const recorded = recordedVariables({
      CI: 'true',
      NODE_OPTIONS: '--max-old-space-size=4096',
      BENCH_API_TOKEN: 'hunter2',
      NEXT_PRIVATE_KEY: 'hunter3',
      HOME: '/root',
      AWS_SECRET_ACCESS_KEY: 'hunter4',
    });
    expect(recorded).toEqual({
      BENCH_API_TOKEN: '(set; value not recorded)',
      CI: 'true',
      NEXT_PRIVATE_KEY: '(set; value not recorded)',
      NODE_OPTIONS: '--max-old-space-size=4096',
    });
  });
});
