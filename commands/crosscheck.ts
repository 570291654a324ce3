/**
 * An independent check of the load suite: the counter's action / route throughput ratio as this suite's load
 * generator measures it (autocannon in its own process) against wrk (Debian's C load generator), both replaying the
 * requests Chromium sent, both encodings, on the same production server. The four arms run as palindromic blocks
 * (each ratio paired by block, as in the suite) after a shared warm-up, the server and the generators pinned to
 * disjoint cores as the suite pins them. docs/load-crosscheck.md quotes its output.
 *
 * Usage: npm run crosscheck [-- --blocks 6 --window 2 --seed 1]   (needs wrk: apt-get install wrk)
 */
import { scenarioById } from '../runner/scenarios';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildFixture, startFixture } from '../runner/measure/fixture/app-server';
import { launchChromium, requireChromium } from '../runner/measure/browser/chromium';
import { cleanupAll } from '../runner/core/cleanup';
import type { Encoding } from '../runner/core/config';
import { UNREPLAYED_HEADERS, captureInteraction, type Capture } from '../runner/measure/http/capture';
import { startLoadGenerator } from '../runner/measure/http/load-generator';
import { mean, pairedRatio } from '../runner/stats/interval';
import { seededRandom } from '../runner/stats/random';
import { geometricMean, palindromeBlock } from '../runner/stats/steady-state';
import { captureScope } from '../runner/core/scopes';
import { isolateLoad } from '../runner/measure/system/affinity';

const { values } = parseArgs({
  options: {
    blocks: { type: 'string', default: '6' },
    window: { type: 'string', default: '2' },
    seed: { type: 'string', default: '1' },
    warmup: { type: 'string', default: '30' },
  },
});
const [blocks, windowSeconds, seed, warmupSeconds] = [
  Number(values.blocks),
  Number(values.window),
  Number(values.seed),
  Number(values.warmup),
];
if (spawnSync('wrk', ['--version']).error) {
  console.error('crosscheck: wrk is not installed: apt-get install wrk (Debian), brew install wrk (macOS)');
  process.exit(2);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-bench-crosscheck-'));
const PLACEHOLDER = 'SCOPEPLACEHOLDER';

/** A wrk Lua script that sends the captured request, each with a scope of its own in the body (as the suite's replay does). */
function luaScript(capture: Capture, encoding: Encoding, window: number): string {
  const request = capture.requests[0]!;
  const headers = Object.entries(request.headers).filter(
    ([name]) => !UNREPLAYED_HEADERS.has(name) && !(encoding === 'identity' && name === 'accept-encoding'),
  );
  const body = (request.body ?? '').replaceAll(capture.scope, PLACEHOLDER);
  return [
    'local counter = 0',
    ...headers.map(([name, value]) => `wrk.headers[${JSON.stringify(name)}] = ${JSON.stringify(value)}`),
    `local template = ${JSON.stringify(body)}`,
    'request = function()',
    '  counter = counter + 1',
    `  local body = string.gsub(template, "${PLACEHOLDER}", "wrk${window}x" .. counter)`,
    `  return wrk.format(${JSON.stringify(request.method)}, ${JSON.stringify(request.path)}, nil, body)`,
    'end',
    '',
  ].join('\n');
}

await buildFixture(path.join(dir, 'build.log'));
const server = await startFixture({
  port: 0,
  dbPath: path.join(dir, 'bench.sqlite'),
  serverDelayMs: 0,
  logFile: path.join(dir, 'server.log'),
});
const browser = await launchChromium(requireChromium(), { deferAfterInput: false });
const captures = {
  action: await captureInteraction(browser, server.origin, scenarioById('counter'), 'action', captureScope(0), 10_000),
  route: await captureInteraction(browser, server.origin, scenarioById('counter'), 'route', captureScope(1), 10_000),
};
await browser.close();
const { isolation, restore } = isolateLoad(true, [server.pid!]);
const generator = await startLoadGenerator(isolation.generatorCores);
const pin = isolation.generatorCores ? ['taskset', '-c', isolation.generatorCores.join(',')] : [];
let windows = 0;

/** One window of one arm: interactions per second (the counter is one request per interaction). */
async function measure(arm: string, encoding: Encoding, seconds: number): Promise<number> {
  const [tool, variant] = arm.split(' ') as ['suite' | 'wrk', 'action' | 'route'];
  const window = windows++;
  if (tool === 'suite') {
    const result = await generator.replay({
      origin: server.origin,
      capture: captures[variant],
      connections: 10,
      encoding,
      durationSeconds: seconds,
      scopePrefix: `c${window.toString(36).padStart(3, '0')}`,
    });
    if (result.non2xx || result.errors || result.invalid)
      throw new Error(`suite ${variant}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.invalid} invalid`);
    return result.interactionsPerSec;
  }
  const script = path.join(dir, `${variant}-${encoding}.lua`);
  fs.writeFileSync(script, luaScript(captures[variant], encoding, window));
  const [command, ...args] = [...pin, 'wrk', '-t1', '-c10', `-d${seconds}s`, '-s', script, server.origin];
  const out = execFileSync(command!, args, { encoding: 'utf8' });
  const bad = out.match(/Non-2xx or 3xx responses: (\d+)/)?.[1];
  if (bad) throw new Error(`wrk ${variant}: ${bad} non-2xx responses`);
  return Number(out.match(/Requests\/sec:\s+([\d.]+)/)![1]);
}

const random = seededRandom(seed);
const arms = ['suite action', 'suite route', 'wrk action', 'wrk route'];
const report: string[] = [
  `Server on core ${isolation.serverCores?.join(',') ?? 'any'}, generators on core ${isolation.generatorCores?.join(',') ?? 'any'}; ${blocks} blocks of ${windowSeconds} s windows per encoding after ${warmupSeconds} s of warm-up; seed ${seed}.`,
];
try {
  for (const encoding of ['gzip', 'identity'] as const) {
    for (let spent = 0; spent < warmupSeconds; spent += 2) await measure(arms[spent % 4]!, encoding, 2);
    const rates = new Map(arms.map((arm) => [arm, [] as number[][]]));
    for (let block = 0; block < blocks; block++) {
      const inBlock = new Map(arms.map((arm) => [arm, [] as number[]]));
      for (const arm of palindromeBlock(arms, random))
        inBlock.get(arm)!.push(await measure(arm, encoding, windowSeconds));
      for (const arm of arms) rates.get(arm)!.push(inBlock.get(arm)!);
    }
    const perBlock = (arm: string) => rates.get(arm)!.map(geometricMean);
    const suite = pairedRatio(perBlock('suite action'), perBlock('suite route'));
    const wrk = pairedRatio(perBlock('wrk action'), perBlock('wrk route'));
    const agreement = pairedRatio(
      perBlock('suite action').map((action, i) => action / perBlock('suite route')[i]!),
      perBlock('wrk action').map((action, i) => action / perBlock('wrk route')[i]!),
    );
    const level = (arm: string) => mean(perBlock(arm)).toFixed(0);
    report.push(
      `${encoding}: action / route ${suite.estimate.toFixed(3)} (95% CI ${suite.ci95.map((x) => x.toFixed(3)).join('-')}) by the suite's generator, ${wrk.estimate.toFixed(3)} (${wrk.ci95.map((x) => x.toFixed(3)).join('-')}) by wrk; suite / wrk ${agreement.estimate.toFixed(3)} (${agreement.ci95.map((x) => x.toFixed(3)).join('-')}). Interactions/s: suite ${level('suite action')} / ${level('suite route')}, wrk ${level('wrk action')} / ${level('wrk route')}.`,
    );
  }
  console.log(report.join('\n'));
} finally {
  await generator.close();
  restore();
  await server.stop();
  await cleanupAll();
}
