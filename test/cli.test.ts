import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { launchChromium, requireChromium } from '../runner/browser/chromium';
import { ResultsSchema, SampleSchema } from '../runner/results/schema';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-bench-cli-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(script: string, args: string[], env: Record<string, string> = {}): Promise<Exit> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const bench = (args: string[], env?: Record<string, string>) => run('runner/cli.ts', args, env);

/** Fixture servers and builds still alive (their command lines name Next's bin or the server's title). */
function fixtureProcesses(): string[] {
  try {
    return execFileSync('pgrep', ['-af', 'next/dist/bin/next|next-server'], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter((line) => line && !line.includes('pgrep'));
  } catch {
    return [];
  }
}

describe('bad input: one line, exit 2, nothing left running', () => {
  const cases: [string, string[], Record<string, string>, RegExp][] = [
    ['unknown scenario', ['--scenarios', 'counter,bogus'], {}, /unknown scenario "bogus": choose from counter, revalidate/],
    ['malformed --rtt', ['--rtt', '0,5O'], {}, /--rtt takes whole numbers separated by commas/],
    ['unknown flag', ['--fast'], {}, /Unknown option '--fast'/],
    ['missing Chromium', ['--profile', 'quick'], { CHROMIUM_PATH: '/nonexistent/chromium' }, /CHROMIUM_PATH=\/nonexistent\/chromium does not exist/],
  ];
  it.each(cases)('%s', async (_name, args, env, message) => {
    const before = fixtureProcesses();
    const exit = await bench(['--out', path.join(scratch, 'never'), ...args], env);
    expect(exit.code).toBe(2);
    expect(exit.stderr.trim()).toMatch(message);
    expect(exit.stderr.trim().split('\n')).toHaveLength(1);
    expect(fs.existsSync(path.join(scratch, 'never'))).toBe(false);
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
    exit = await bench(['--profile', 'quick', '--rtt', '0,20', '--seed', '11', '--out', out]);
    expect(exit.stderr + exit.stdout).not.toMatch(/FAILED/);
    expect(exit.code).toBe(0);
    expect(exit.stdout).toContain(`Report: ${path.relative(ROOT, path.join(out, 'index.html'))}`);
    expect(fixtureProcesses()).toEqual([]);

    const results = ResultsSchema.parse(JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')));
    expect(results.complete).toBe(true);
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
    expect(results.claims.map((claim) => claim.id)).toEqual(['C1', 'C2', 'C3', 'C4a', 'C4b']);
    // A quick run is a smoke run: every claim is measured, none gets a verdict, and each says why.
    for (const claim of results.claims) {
      expect(claim.verdict).toBe('inconclusive');
      expect(claim.summary).toContain('quick profile');
    }
    // The round trips are counted all the same: C2's counts agree with the catalogue.
    expect(results.claims[1]!.evidence.filter((row) => 'saved' in row).map((row) => row.saved)).toEqual([1, 1]);

    // HTTP load: every variant, the action's A/A twin and the floor, under both encodings, replayed from this
    // run's capture, nothing lost.
    const http = results.http!;
    const arms = ['counter/action', 'counter/action (A/A)', 'counter/floor', 'counter/route', 'revalidate/action', 'revalidate/action (A/A)', 'revalidate/floor', 'revalidate/route-json', 'revalidate/route-query', 'revalidate/route-refresh'];
    expect(http.cells.map((cell) => `${cell.scenario}/${cell.variant}${cell.twin ? ' (A/A)' : ''} ${cell.encoding}`).sort()).toEqual(
      arms.flatMap((arm) => [`${arm} gzip`, `${arm} identity`]).sort(),
    );
    for (const cell of http.cells) {
      expect(cell.repeats).toBe(2);
      expect(cell.failed).toBeNull();
      expect(cell.acknowledged).toBe(cell.interactions);
      expect(cell.persisted).toBe(cell.acknowledged);
      expect(cell.requestsPerSec).toBeGreaterThan(0);
    }
    const capture = JSON.parse(fs.readFileSync(path.join(out, 'capture.json'), 'utf8')) as { variant: string; requests: { headers: Record<string, string> }[] }[];
    expect(capture.find((c) => c.variant === 'action')!.requests[0]!.headers['next-action']).toMatch(/^[0-9a-f]{40,}$/);

    // Micro: every task either measured or refused with the reason.
    for (const task of results.micro!.tasks) expect(task.error === null ? task.opsPerSec! > 0 : task.samples === 0).toBe(true);

    const lines = fs.readFileSync(path.join(out, 'samples.jsonl'), 'utf8').trim().split('\n');
    const samples = lines.map((line) => SampleSchema.parse(JSON.parse(line)));
    // 16 arms x 3 page loads x (1 warm-up + 2 measured)
    expect(samples).toHaveLength(16 * 3 * 3);
    expect(samples.filter((sample) => sample.warmup)).toHaveLength(16 * 3);
  }, 300_000); // a fixture build (when its sources changed) and a quick run of every suite

  it('renders a report that opens from file:// with no console error and no network request', async () => {
    const browser = await launchChromium(requireChromium(), { deferAfterInput: false });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('request', (request) => !request.url().startsWith('file://') && problems.push(`request ${request.url()}`));
      await page.goto(`file://${path.join(out, 'index.html')}`);
      await page.waitForFunction(() => document.querySelectorAll('canvas').length === 10);
      // Chart.js draws into every canvas: one equal to a blank canvas of its size would mean nothing was drawn.
      const drawn = await page.evaluate(() =>
        Array.from(document.querySelectorAll('canvas')).every((canvas) => {
          const blank = document.createElement('canvas');
          blank.width = canvas.width;
          blank.height = canvas.height;
          return canvas.toDataURL() !== blank.toDataURL();
        }),
      );
      expect(drawn).toBe(true);
      expect(await page.locator('h3', { hasText: 'C1' }).textContent()).toMatch(/C1 (supported|refuted|depends|inconclusive)/);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('re-renders the report from results.json without measuring', async () => {
    const html = path.join(out, 'index.html');
    const before = fs.readFileSync(html, 'utf8');
    fs.rmSync(html);
    const rerun = await run('reports/cli.ts', [out]);
    expect(rerun.code).toBe(0);
    expect(fs.readFileSync(html, 'utf8')).toBe(before);
  });

  it('refuses a corrupt results.json with one line and exit 2', async () => {
    const corrupt = path.join(scratch, 'corrupt');
    fs.mkdirSync(corrupt);
    fs.writeFileSync(path.join(corrupt, 'results.json'), '{"schemaVersion": 2}');
    const rerun = await run('reports/cli.ts', [corrupt]);
    expect(rerun.code).toBe(2);
    expect(rerun.stderr.trim()).toMatch(/results\.json does not match the results schema .*re-run the benchmark$/);
  });
});

describe('a failed run', () => {
  it('exits 1, keeps what it measured and the failures, and leaves no process behind', async () => {
    const out = path.join(scratch, 'failed');
    // Every interaction outlasts the timeout: each cell must fail with a message, not be timed.
    const exit = await bench(['--profile', 'quick', '--suite', 'browser', '--scenarios', 'counter', '--server-delay', '2000', '--timeout', '500', '--out', out]);
    expect(exit.code).toBe(1);
    expect(exit.stderr).toMatch(/FAILED counter\/action at RTT 0 ms: counter at \/counter\/action: after the click the page did not show "1"/);
    const results = ResultsSchema.parse(JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')));
    expect(results.complete).toBe(false);
    expect(results.failures).toHaveLength(3);
    expect(results.browser!.cells).toEqual([]);
    expect(results.claims.every((claim) => claim.verdict === 'not-measured')).toBe(true);
    expect(fs.existsSync(path.join(out, 'index.html'))).toBe(true);
    expect(fixtureProcesses()).toEqual([]);
  });
});
