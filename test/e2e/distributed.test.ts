import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { har as validateHar } from 'har-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { claimPort, type AppServer } from '../../runner/measure/fixture/app-server';
import { PROCESSOR_FILE } from '../../runner/measure/export/artillery';
import { EXPORT_FILES } from '../../runner/measure/export/write-exports';
import { readCaptureFile, type CaptureFile } from '../../runner/measure/http/capture';
import { fetchBuildInfo } from '../../runner/measure/http/target';
import { ResultsSchema } from '../../runner/contract/results';
import { ARTILLERY_ENV, ensureArtillery } from '../../runner/measure/tools/artillery';
import { bench, processesMarked, run, start, type Exit } from '../support/cli';

/** The deployment stand-in: `npm run serve` on loopback, as docs/distributed.md tells a user to deploy it. */
let fixture: { server: Pick<AppServer, 'origin'>; stop(): Promise<Exit> };
let artillery: string;
/** One target run's folder; each test works on its own copy. */
let firstRun: string;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-bench-distributed-'));

const SERVE_MARK = 'MUTATION_BENCH_SERVE_TEST';

/** Starts `npm run serve` and resolves once it says where it serves. */
async function serve(): Promise<typeof fixture> {
  const port = await claimPort(0);
  const served = start('commands/serve.ts', ['--port', String(port)], { [SERVE_MARK]: '1' });
  const deadline = Date.now() + 240_000;
  while (!served.output().includes('serving the fixture at')) {
    if (Date.now() > deadline || served.child.exitCode !== null)
      throw new Error(`npm run serve did not start:\n${served.output()}`);
    await sleep(200);
  }
  return {
    server: { origin: `http://127.0.0.1:${port}` },
    async stop() {
      served.child.kill('SIGINT');
      return served.exit;
    },
  };
}

beforeAll(async () => {
  fixture = await serve();
  // Installed once per checkout (about a minute and a half the first time), then reused.
  artillery = await ensureArtillery();
  firstRun = (await targetRun('first')).out;
}, 300_000);

function copyOfFirstRun(name: string): { out: string; capture: CaptureFile } {
  const out = path.join(tmp, name);
  fs.cpSync(firstRun, out, { recursive: true });
  return { out, capture: readCaptureFile(path.join(out, 'capture.json')) };
}

afterAll(async () => {
  const exit = await fixture?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
  // Ctrl-C stops the served fixture and everything it started (exit 130, as for any command stopped by SIGINT).
  expect(exit?.code).toBe(130);
  await sleep(500);
  expect(processesMarked(SERVE_MARK)).toEqual([]);
});

/** `npm run bench -- --suite http --target <fixture>` with the smallest load, exporting both formats. */
async function targetRun(name: string): Promise<{ out: string; capture: CaptureFile }> {
  const out = path.join(tmp, name);
  const args = [
    '--suite',
    'http',
    '--target',
    fixture.server.origin,
    '--profile',
    'quick',
    '--encoding',
    'gzip',
    '--amount',
    '20',
    '--repeats',
    '2',
    '--export',
    'artillery,har,k6',
    '--out',
    out,
    '--seed',
    '5',
  ];
  const exit = await bench(args);
  expect(exit.code, exit.stderr).toBe(0);
  return { out, capture: readCaptureFile(path.join(out, 'capture.json')) };
}

describe('the HTTP suite against a deployment (--target)', () => {
  it('captures from it, replays against it and checks integrity through its endpoint, run after run', async () => {
    for (const run of ['first', 'second']) {
      // The second run writes beside the first one's rows: its own scope tag keeps its integrity counts its own.
      const { out, capture } = run === 'first' ? copyOfFirstRun('first-copy') : await targetRun(run);
      const results = ResultsSchema.parse(JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')));
      expect(results.complete).toBe(true);
      const cells = results.http!.cells;
      // No floor (it is a local server), no server resources (not a process of ours).
      expect(cells.map((cell) => cell.variant)).not.toContain('floor');
      expect(cells).toHaveLength(2 + 4 + 2);
      for (const cell of cells) {
        expect(cell.failed).toBeNull();
        expect(cell.server).toBeNull();
        expect(cell.serverCpuMsPerInteraction).toBeNull();
        expect(cell.persisted).toBe(cell.acknowledged);
        expect(cell.acknowledged).toBe(cell.interactions);
      }
      expect(results.http!.server).toMatchObject({
        origin: fixture.server.origin,
        remote: true,
        scopeTag: capture.scopeTag,
      });
      const report = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
      expect(report).toContain(`Against the deployment at <code>${fixture.server.origin}</code>`);
      expect(report).toContain('not measured (remote target)');
      expect(capture.scopeTag).toMatch(/^[a-z0-9]{3}$/);
      for (const { scope } of capture.captures)
        expect(scope.startsWith(capture.scopeTag) && scope.length === 11).toBe(true);
      expect(capture.build).toEqual(await fetchBuildInfo(fixture.server.origin, 5000));
      expect(capture.origin).toBe(fixture.server.origin);
      const har = JSON.parse(fs.readFileSync(path.join(out, EXPORT_FILES.har), 'utf8'));
      await expect(validateHar(har)).resolves.toEqual(har);
      expect(har.log.entries).toHaveLength(capture.captures.reduce((sum, c) => sum + c.requests.length, 0));
      for (const name of [EXPORT_FILES.artillery, PROCESSOR_FILE, EXPORT_FILES.k6])
        expect(fs.existsSync(path.join(out, name)), name).toBe(true);
    }
  }, 120_000);
});

describe('the exported Artillery test', () => {
  it("runs against the fixture: every expectation passes, acknowledged = persisted, and the request counts agree with Artillery's summary", async () => {
    const { out, capture } = copyOfFirstRun('artillery');
    const exported = await run('commands/export.ts', [out, '--format', 'artillery', '--rate', '6', '--duration', '4']);
    expect(exported.code, exported.stderr).toBe(0);
    const reportFile = path.join(out, 'artillery-report.json');
    const artilleryRun = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [artillery, 'run', '--output', reportFile, path.join(out, EXPORT_FILES.artillery)],
        { env: ARTILLERY_ENV },
      );
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      child.once('exit', (code) => resolve({ code, output }));
    });
    expect(artilleryRun.code, artilleryRun.output.slice(-2000)).toBe(0);
    const counters = JSON.parse(fs.readFileSync(reportFile, 'utf8')).aggregate.counters as Record<string, number>;

    // Every user finished, no error, no failed expectation.
    expect(
      Object.keys(counters).filter((name) => name.startsWith('errors.') || name.startsWith('plugins.expect.failed')),
    ).toEqual([]);
    expect(counters['vusers.failed'] ?? 0).toBe(0);
    expect(counters['vusers.completed']).toBe(counters['vusers.created']);
    expect(counters['vusers.created']).toBeGreaterThanOrEqual(20);
    expect(counters['plugins.expect.ok']).toBeGreaterThan(0);

    // Requests: each user replays its interaction whole, so Artillery's count is the sum over flows.
    const usersOf = (name: string) => counters[`vusers.created_by_name.${name}`] ?? 0;
    const expectedRequests = capture.captures.reduce(
      (sum, c) => sum + usersOf(`${c.scenario}/${c.variant}`) * c.requests.length,
      0,
    );
    expect(counters['http.requests']).toBe(expectedRequests);
    expect(counters['http.responses']).toBe(expectedRequests);

    // One acknowledged mutation per user, and the deployment persisted exactly those.
    const tag = Object.keys(counters)
      .map((name) => /^mutation_bench\.([a-z0-9]{3})\.acknowledged\./.exec(name)?.[1])
      .find(Boolean)!;
    for (const scenario of new Set(capture.captures.map((c) => c.scenario))) {
      const users = capture.captures
        .filter((c) => c.scenario === scenario)
        .reduce((sum, c) => sum + usersOf(`${c.scenario}/${c.variant}`), 0);
      expect(counters[`mutation_bench.${tag}.acknowledged.${scenario}`] ?? 0).toBe(users);
    }
    const integrity = await run('commands/integrity.ts', ['--target', fixture.server.origin, '--report', reportFile]);
    expect(integrity.code, integrity.stdout + integrity.stderr).toBe(0);
    for (const scenario of new Set(capture.captures.map((c) => c.scenario))) {
      const acknowledged = counters[`mutation_bench.${tag}.acknowledged.${scenario}`];
      expect(integrity.stdout).toContain(`| ${scenario} | ${acknowledged} | ${acknowledged} | 0 | ok |`);
    }
  }, 120_000);

  it('is refused by a deployment running another build, in the export and in the script', async () => {
    const { out } = copyOfFirstRun('other-build');
    const file = path.join(out, 'capture.json');
    const capture = readCaptureFile(file);
    fs.writeFileSync(
      file,
      JSON.stringify({
        ...capture,
        origin: 'http://127.0.0.1:1',
        build: { ...capture.build, buildId: 'an-older-build' },
      }),
    );
    const exported = await run('commands/export.ts', [out, '--target', fixture.server.origin]);
    expect(exported.code).toBe(2);
    expect(exported.stderr.trim()).toMatch(
      /runs build .+, the requests were captured from build an-older-build: action ids belong to their build, capture again/,
    );
    expect(exported.stderr.trim().split('\n')).toHaveLength(1);

    // The script exported before the deployment changed: its processor fails every user before any request.
    const reexport = await run('commands/export.ts', [out, '--format', 'artillery']);
    expect(reexport.code, reexport.stderr).toBe(0);
    const processor = createRequire(import.meta.url)(path.join(out, PROCESSOR_FILE)) as {
      assignScope(context: object, events: object, next: (error?: Error) => void): void;
    };
    const outcome = await new Promise<Error | undefined>((resolve) =>
      processor.assignScope({ vars: { target: fixture.server.origin, $testId: 't1' } }, {}, resolve),
    );
    expect(outcome?.message).toMatch(
      /^mutation-bench: http:\/\/127\.0\.0\.1:\d+ runs build .+, these requests were captured from build an-older-build/,
    );
  }, 120_000);
});
