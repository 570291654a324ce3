import fs from 'node:fs';
import net from 'node:net';
import { gunzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PLANTED_SECRET } from '../../runner/measure/fixture/app-server';
import { launchChromium, requireChromium } from '../../runner/measure/browser/chromium';
import { ResultsSchema, SampleSchema } from '../../runner/contract/results';
import { readCaptureFile } from '../../runner/measure/http/capture';
import { jsonSummary } from '../../reports/terminal';
import { DEFAULT_SCENARIO_IDS, SCENARIOS, variantsOf } from '../../runner/scenarios';
import { bench, fixtureProcesses, run, type Exit } from '../support/cli';
import { canvasesDrawn, openOnLaptop, tooWide } from '../support/report-page';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-bench-cli-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
/** A folder an earlier run left: reusing it would mix two runs' samples. */
const used = path.join(scratch, 'used');
fs.mkdirSync(used);
fs.writeFileSync(path.join(used, 'samples.jsonl'), '{}\n');

describe('bad input: one line, exit 2, nothing left running', () => {
  const cases: [string, string[], Record<string, string>, RegExp][] = [
    [
      'unknown scenario',
      ['--scenarios', 'counter,bogus'],
      {},
      /unknown scenario "bogus": choose from counter, revalidate/,
    ],
    ['malformed --rtt', ['--rtt', '0,5O'], {}, /--rtt takes whole numbers separated by commas/],
    ['unknown flag', ['--fast'], {}, /Unknown option '--fast'/],
    [
      'missing Chromium',
      ['--profile', 'quick'],
      { CHROMIUM_PATH: '/nonexistent/chromium' },
      /CHROMIUM_PATH=\/nonexistent\/chromium does not exist/,
    ],
    [
      '--amount below --connections',
      ['--amount', '5', '--connections', '10'],
      {},
      /--amount 5 is below --connections 10: every connection needs an interaction; pass --amount 10 or more/,
    ],
    // The later --out wins; `never` must still not appear.
    [
      '--out inside a file',
      ['--profile', 'quick', '--out', '/etc/passwd/x'],
      {},
      /--out \/etc\/passwd\/x: \/etc\/passwd is not a folder: pass --out a new or empty folder you can write$/,
    ],
    // Node's recursive mkdir never returns under /proc: the check must not spin.
    [
      '--out under /proc',
      ['--profile', 'quick', '--out', '/proc/mutation-bench/x'],
      {},
      /--out \/proc\/mutation-bench\/x: cannot write there \(ENOENT\): pass --out a new or empty folder/,
    ],
    [
      '--out a used folder',
      ['--profile', 'quick', '--out', used],
      {},
      /already holds files \(an earlier run\?\): pass --out a new or empty folder you can write$/,
    ],
  ];
  it.each(cases)('%s', async (_name, args, env, message) => {
    const before = fixtureProcesses();
    const exit = await bench(['--out', path.join(scratch, 'never'), ...args], env);
    expect(exit.code).toBe(2);
    expect(exit.stderr.trim()).toMatch(message);
    expect(exit.stderr.trim().split('\n')).toHaveLength(1);
    expect(fs.existsSync(path.join(scratch, 'never'))).toBe(false);
    expect(fs.readdirSync(used)).toEqual(['samples.jsonl']);
    expect(fixtureProcesses()).toEqual(before);
  });

  it('busy port', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const exit = await bench(['--profile', 'quick', '--port', String(port), '--out', path.join(scratch, 'never')]);
      expect(exit.code).toBe(2);
      expect(exit.stderr.trim()).toBe(
        `mutation-bench: port ${port} on 127.0.0.1 is busy: free it, pass another --port, or omit --port to use a free one`,
      );
    } finally {
      blocker.close();
    }
    expect(fixtureProcesses()).toEqual([]);
  });
});

describe('npm run bench, end to end with tiny sample counts', () => {
  const out = path.join(scratch, 'smoke');
  let exit: Exit;

  it('measures every scenario and writes results.json, samples.jsonl and index.html', async () => {
    exit = await bench(['--profile', 'quick', '--rtt', '0,20', '--seed', '11', '--json', '--out', out]);
    expect(exit.stderr + exit.stdout).not.toMatch(/FAILED/);
    expect(exit.code).toBe(0);
    expect(fixtureProcesses()).toEqual([]);

    const results = ResultsSchema.parse(JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')));
    expect(results.complete).toBe(true);
    // --json: stdout is one JSON document, the summary of results.json; the person's summary went to stderr and
    // ends with the report's link.
    const summary = JSON.parse(exit.stdout);
    expect(summary).toEqual(JSON.parse(JSON.stringify(jsonSummary(results, path.join(out, 'index.html')))));
    expect(summary.claims.map((c: { id: string }) => c.id)).toEqual(results.claims.map((c) => c.id));
    expect(summary.comparisons).toEqual(results.browser!.comparisons);
    expect(exit.stderr.trimEnd()).toMatch(
      new RegExp(`counter: .*\\n[^]*Report: ${pathToFileURL(path.join(out, 'index.html')).href}$`),
    );
    expect(results.environment.argv).not.toContain('--json');
    const browser = results.browser!;
    expect(results.environment.seed).toBe(11);
    expect(browser.cells).toHaveLength(12);
    for (const cell of browser.cells) {
      expect(cell.n).toBe(6);
      expect(cell.roundTrips).toBe(cell.expectedRoundTrips);
    }
    expect(browser.comparisons).toHaveLength(8);
    expect(browser.aa).toHaveLength(4);
    expect(browser.accuracy).toHaveLength(6);
    // Every claim of DESIGN's table is listed.
    expect(results.claims.map((claim) => claim.id)).toEqual([
      'C1',
      'C2',
      'C3',
      'C4a',
      'C4b',
      'C5',
      'C6',
      'C7',
      'C8',
      'C9',
      'C10',
      'C11',
      'C12',
      'C13',
      'C14',
      'C15',
    ]);
    const claim = (id: string) => results.claims.find((c) => c.id === id)!;
    // The scenarios C11, C14 and C15 read were not run: each says which would measure it.
    for (const id of ['C11', 'C14', 'C15'])
      expect(claim(id)).toMatchObject({
        verdict: 'not-measured',
        summary: expect.stringMatching(/^Needs the (parallel|optimistic|export and payload) scenarios? in the browser/),
      });
    // The probes are exact, not sampled: they get verdicts even in a quick run.
    for (const id of ['C5', 'C6', 'C7', 'C8', 'C9', 'C10', 'C12', 'C13'])
      expect(claim(id).verdict, id).toMatch(/^(supported|refuted|depends)$/);
    expect(fs.readFileSync(path.join(out, 'results.json'), 'utf8')).not.toContain(PLANTED_SECRET);
    // A quick run is a smoke run: every sampled claim gets no verdict, and each says why.
    for (const claim of results.claims.slice(0, 5)) {
      expect(claim.verdict).toBe('inconclusive');
      expect(claim.summary).toContain('quick profile');
    }
    // The round trips are counted all the same: every sample's count agrees with the catalogue (C2's exact shares).
    expect(
      results.claims[1]!.evidence.filter((row) => row.actionShareOne !== undefined).map((row) => [
        row.actionShareOne,
        row.routeRefreshShareTwo,
      ]),
    ).toEqual([
      [1, 1],
      [1, 1],
    ]);

    // HTTP load: every variant, the action's A/A twin and the floor, under both encodings, replayed from this
    // run's capture, nothing lost.
    const http = results.http!;
    const arms = [
      'counter/action',
      'counter/action (A/A)',
      'counter/floor',
      'counter/route',
      'revalidate/action',
      'revalidate/action (A/A)',
      'revalidate/floor',
      'revalidate/route-json',
      'revalidate/route-query',
      'revalidate/route-refresh',
    ];
    expect(
      http.cells.map((cell) => `${cell.scenario}/${cell.variant}${cell.twin ? ' (A/A)' : ''} ${cell.encoding}`).sort(),
    ).toEqual(arms.flatMap((arm) => [`${arm} gzip`, `${arm} identity`]).sort());
    for (const cell of http.cells) {
      // 2 blocks, each cell twice per block (a palindrome), after a warm-up of its group.
      expect(cell.repeats).toBe(4);
      expect(cell.warmup!.blocksPerSec.length).toBeGreaterThanOrEqual(3);
      expect(cell.failed).toBeNull();
      expect(cell.acknowledged).toBe(cell.interactions);
      expect(cell.persisted).toBe(cell.acknowledged);
      expect(cell.requestsPerSec).toBeGreaterThan(0);
    }
    // Every sample as gzipped CSV (linked from the report), and the history files, the load cells included
    // (throughput only in Bencher's file).
    const sampleLines = fs.readFileSync(path.join(out, 'samples.jsonl'), 'utf8').trim().split('\n').length;
    expect(
      gunzipSync(fs.readFileSync(path.join(out, 'samples.csv.gz')))
        .toString()
        .trim()
        .split('\n'),
    ).toHaveLength(sampleLines + 1);
    const bencher = JSON.parse(fs.readFileSync(path.join(out, 'bencher.json'), 'utf8'));
    expect(Object.keys(bencher['http counter/action 10 connections gzip']).sort()).toEqual([
      'latency',
      'server-cpu-ms-per-interaction',
      'throughput',
    ]);
    const githubEntries = JSON.parse(fs.readFileSync(path.join(out, 'benchmark-action.json'), 'utf8')) as {
      name: string;
      unit: string;
    }[];
    // Each browser cell's latency, and its requests' time to first byte under the stored comparison's names.
    const browserEntries = githubEntries.filter((entry) => entry.name.startsWith('browser '));
    expect(browserEntries.filter((entry) => entry.name.endsWith(' latency')).length).toBe(
      results.browser!.cells.length,
    );
    expect(browserEntries.filter((entry) => entry.name.endsWith(' time to first byte')).length).toBeGreaterThanOrEqual(
      results.browser!.cells.length,
    );
    const capture = readCaptureFile(path.join(out, 'capture.json'));
    expect(capture.captures.find((c) => c.variant === 'action')!.requests[0]!.headers['next-action']).toMatch(
      /^[0-9a-f]{40,}$/,
    );

    // Micro: every task either measured or refused with the reason.
    for (const task of results.micro!.tasks)
      expect(task.error === null ? task.opsPerSec! > 0 : task.samples === 0).toBe(true);

    const lines = fs.readFileSync(path.join(out, 'samples.jsonl'), 'utf8').trim().split('\n');
    const samples = lines.map((line) => SampleSchema.parse(JSON.parse(line)));
    // 16 arms x 3 page loads x (1 warm-up + 2 measured)
    expect(samples).toHaveLength(16 * 3 * 3);
    expect(samples.filter((sample) => sample.warmup)).toHaveLength(16 * 3);
  }, 300_000); // a fixture build (when its sources changed) and a quick run of every suite

  it('renders a report that opens from file:// with no console error, no network request and nothing wider than a laptop screen', async () => {
    const browser = await launchChromium(requireChromium(), { deferAfterInput: false });
    try {
      const { page, problems } = await openOnLaptop(browser, path.join(out, 'index.html'));
      // Per scenario its latency against RTT, its waterfall, a CDF per RTT and its differences; per load scenario its
      // throughput, percentiles, CPU and memory: every one drawn.
      const results = ResultsSchema.parse(JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')));
      const distinct = (values: readonly unknown[]) => new Set(values).size;
      const browserScenarios = distinct(results.browser!.cells.map((c) => c.scenario));
      const rtts = distinct(results.browser!.cells.map((c) => c.rttMs));
      const expected = browserScenarios * (3 + rtts) + 4 * distinct(results.http!.cells.map((c) => c.scenario));
      expect(await page.locator('canvas').count()).toBe(expected);
      expect(await canvasesDrawn(page)).toEqual(Array(expected).fill(true));
      // At 1280 px nothing scrolls sideways: not the page, not a table inside its wrapper.
      expect(await tooWide(page)).toEqual([]);
      // Printed on A4 (about 720 px between the margins), nothing is cut off either.
      await page.emulateMedia({ media: 'print' });
      await page.setViewportSize({ width: 720, height: 1000 });
      expect(await tooWide(page)).toEqual([]);
      expect(await page.locator('h3', { hasText: /^C1 / }).textContent()).toMatch(
        /C1 (supported|refuted|depends|inconclusive)/,
      );
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('re-renders the report from results.json without measuring', async () => {
    const html = path.join(out, 'index.html');
    const before = fs.readFileSync(html, 'utf8');
    fs.rmSync(html);
    const rerun = await run('commands/report.ts', [out]);
    expect(rerun.code).toBe(0);
    expect(fs.readFileSync(html, 'utf8')).toBe(before);
  });

  it('recomputes results.json from the samples: the same code gives back the same numbers and verdicts', async () => {
    const file = path.join(out, 'results.json');
    const before = JSON.parse(fs.readFileSync(file, 'utf8'));
    const recomputed = await run('commands/report.ts', ['--recompute', out]);
    expect(recomputed.code, recomputed.stderr).toBe(0);
    const { recomputedAt, ...after } = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(recomputedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(after).toEqual(before);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'results.before-recompute.json'), 'utf8'))).toEqual(before);
  });

  it('refuses a corrupt results.json with one line and exit 2', async () => {
    const corrupt = path.join(scratch, 'corrupt');
    fs.mkdirSync(corrupt);
    fs.writeFileSync(path.join(corrupt, 'results.json'), '{"schemaVersion": 2}');
    const rerun = await run('commands/report.ts', [corrupt]);
    expect(rerun.code).toBe(2);
    expect(rerun.stderr.trim()).toMatch(/results\.json does not match the results schema .*re-run the benchmark$/);
  });
});

/**
 * Every scenario the smoke run above (the default's) leaves out, payload at its two smaller sizes only: the larger two
 * take seconds per interaction on its link.
 */
const BEYOND_DEFAULT = SCENARIOS.filter(
  ({ id }) => !DEFAULT_SCENARIO_IDS.includes(id) && !['payload-900kb', 'payload-2mb'].includes(id),
);

describe('every other scenario (payload at two sizes), end to end in the browser', () => {
  it('measures every case and variant at two RTTs and reports each scenario, its marks and their known answers', async () => {
    const out = path.join(scratch, 'catalogue');
    const exit = await bench([
      '--profile',
      'quick',
      '--suite',
      'browser',
      '--scenarios',
      BEYOND_DEFAULT.map((scenario) => scenario.id).join(','),
      '--rtt',
      '0,50',
      '--n-min',
      '4',
      '--n-max',
      '4',
      '--budget',
      '400',
      '--seed',
      '12',
      '--out',
      out,
    ]);
    expect(exit.stderr + exit.stdout).not.toMatch(/FAILED/);
    expect(exit.code).toBe(0);
    const browser = ResultsSchema.parse(JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8'))).browser!;
    expect(new Set(browser.cells.map((cell) => `${cell.scenario}/${cell.variant}`))).toEqual(
      new Set(BEYOND_DEFAULT.flatMap((scenario) => variantsOf(scenario).map((variant) => `${scenario.id}/${variant}`))),
    );
    for (const cell of browser.cells) {
      expect(cell.n, `${cell.scenario}/${cell.variant}`).toBe(4);
      // At RTT 0 the first of parallel's five fetches can answer before the renderer has sent the last: a chain of
      // 2 on a busy machine, and rightly so. At RTT 50 they overlap whatever the machine does.
      if (cell.scenario === 'parallel' && cell.variant === 'route' && cell.rttMs === 0)
        expect(cell.roundTrips).toBeLessThanOrEqual(2);
      // On the links page the router's prefetches start while the refresh is in flight, and some finish before the
      // item shows: the design's 2 requests and, chained behind them, prefetches (a fresh clone measured 3 at RTT 0).
      else if (cell.scenario === 'links' && cell.variant === 'route-refresh')
        expect(cell.roundTrips).toBeGreaterThanOrEqual(cell.expectedRoundTrips);
      else expect(cell.roundTrips, `${cell.scenario}/${cell.variant}@${cell.rttMs}`).toBe(cell.expectedRoundTrips);
    }
    // Each variant beside the reference, at each RTT.
    expect(browser.comparisons).toHaveLength(
      BEYOND_DEFAULT.reduce((sum, scenario) => sum + (variantsOf(scenario).length - 1) * 2, 0),
    );
    // export samples the server's memory during each interaction; the action holds the whole CSV, the stream a page of it.
    for (const cell of browser.cells)
      expect(cell.serverMemory !== undefined, `${cell.scenario}/${cell.variant}`).toBe(cell.scenario === 'export');
    for (const cell of browser.cells.filter((c) => c.scenario === 'export'))
      expect(cell.serverMemory).toMatchObject({ n: 4, peakMedianMb: expect.any(Number) });
    const rise = (variant: string) =>
      browser.cells.find((c) => c.scenario === 'export' && c.variant === variant && c.rttMs === 0)!.serverMemory!
        .riseMedianMb;
    // The direction only: how much more is C15's measured evidence, reported with its interval, not a window to
    // hold on any machine (a fresh clone measured 18.0 against 3.5 MB, where this machine usually reads 20+ more).
    expect(rise('action')).toBeGreaterThan(rise('route'));
    // payload's link is recorded with it, and the larger size is checked against the smaller: extra bytes / rate.
    const results = ResultsSchema.parse(JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')));
    expect(results.scenarios.find((s) => s.id === 'payload-100kb')!.bandwidth).toEqual({
      toServer: 10_000_000,
      toClient: 10_000_000,
    });
    expect(results.scenarios.find((s) => s.id === 'nojs')!.bandwidth).toBeNull();
    const sizeRows = browser.accuracy.filter((row) => row.against === 'payload-1kb');
    expect(sizeRows.map((row) => `${row.variant}@${row.rttMs}`).sort()).toEqual([
      'action@0',
      'action@50',
      'route@0',
      'route@50',
    ]);
    for (const row of sizeRows) expect(row.expectedIncreaseMs).toBeGreaterThan(80);
    // The optimistic paint is timed in every optimistic cell and checked against its own known answer (no rise).
    for (const cell of browser.cells.filter((c) => c.scenario === 'optimistic'))
      expect(cell.marks.map((mark) => mark.name)).toEqual(['optimistic']);
    expect(browser.accuracy.filter((row) => row.mark === 'optimistic').map((row) => row.expectedIncreaseMs)).toEqual([
      0, 0,
    ]);

    const chromium = await launchChromium(requireChromium(), { deferAfterInput: false });
    try {
      const { page, problems } = await openOnLaptop(chromium, path.join(out, 'index.html'));
      for (const { id } of BEYOND_DEFAULT) await page.locator('h2', { hasText: `Scenario ${id}` }).waitFor();
      await page.getByText('Link: 10 Mbit/s down, 10 Mbit/s up').first().waitFor();
      await page.locator('th', { hasText: 'optimistic median / p90 ms' }).waitFor();
      await page.locator('th', { hasText: 'server RSS peak / rise MB' }).waitFor();
      expect(await tooWide(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await chromium.close();
    }
  }, 360_000);
});

describe('a server that never answers', () => {
  it('fails each cell naming the unanswered request, exits 1, keeps what it measured, and leaves no process behind', async () => {
    const out = path.join(scratch, 'failed');
    // Every mutation outlasts the run by far: each browser cell and each capture must fail within --timeout.
    const exit = await bench([
      '--profile',
      'quick',
      '--suite',
      'browser,http',
      '--scenarios',
      'counter',
      '--server-delay',
      '600000',
      '--timeout',
      '1000',
      '--out',
      out,
    ]);
    expect(exit.code).toBe(1);
    expect(exit.stderr).toMatch(
      /FAILED counter\/action at RTT 0 ms: counter at \/counter\/action: after the click the page did not show "1" in .* within 1000 ms, and POST \/counter\/action was still unanswered 1000 ms later/,
    );
    expect(exit.stderr).toMatch(
      /FAILED counter\/route at RTT 0 ms: HTTP capture: counter\/route: the page did not show "1" .* within 1000 ms \(unanswered: POST \/api\/counter\)/,
    );
    const results = ResultsSchema.parse(JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')));
    expect(results.complete).toBe(false);
    // 3 browser arms (action, its A/A twin, route) and 2 captures; nothing replayed.
    expect(results.failures).toHaveLength(5);
    expect(results.browser!.cells).toEqual([]);
    expect(results.http!.cells).toEqual([]);
    expect(results.claims.every((claim) => claim.verdict === 'not-measured')).toBe(true);
    expect(fs.existsSync(path.join(out, 'index.html'))).toBe(true);
    expect(fixtureProcesses()).toEqual([]);
  });
});
