/**
 * Is autocannon fast enough to load the servers it measures? Runs autocannon and wrk (Debian's package, a C load
 * generator) against the same floor-server endpoints, one at a time, single-threaded both, and prints req/s and
 * latency for each. The README's "Benchmarks" quotes its output. Usage: npm run headroom [-- seconds]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { startFloor } from '../runner/measure/fixture/app-server';
import { cleanupAll } from '../runner/core/cleanup';

const seconds = Number(process.argv[2] ?? 5);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-bench-headroom-'));
const ENDPOINTS = [
  { name: 'GET /api/revalidate', method: 'GET' as const, path: '/api/revalidate?scope=headroom', body: undefined },
  { name: 'POST /api/counter', method: 'POST' as const, path: '/api/counter', body: '{"scope":"headroom"}' },
];

function wrk(
  url: string,
  connections: number,
  endpoint: (typeof ENDPOINTS)[number],
): { rps: number; p50: string; p99: string } {
  const script = path.join(dir, 'request.lua');
  fs.writeFileSync(
    script,
    `wrk.method = "${endpoint.method}"\n${endpoint.body ? `wrk.body = '${endpoint.body}'\nwrk.headers["content-type"] = "application/json"\n` : ''}`,
  );
  const out = execFileSync('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', script, url], {
    encoding: 'utf8',
  });
  const percentile = (p: string) => out.match(new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm'))?.[1] ?? '?';
  return { rps: Number(out.match(/Requests\/sec:\s+([\d.]+)/)?.[1]), p50: percentile('50'), p99: percentile('99') };
}

const floor = await startFloor({
  port: 0,
  dbPath: path.join(dir, 'headroom.sqlite'),
  serverDelayMs: 0,
  logFile: path.join(dir, 'floor.log'),
});
try {
  const hasWrk = (() => {
    try {
      execFileSync('wrk', ['--version'], { stdio: 'ignore' });
      return true;
    } catch (error) {
      return (error as { status?: number }).status === 1; // wrk --version exits 1 after printing
    }
  })();
  console.log(`floor server, ${seconds} s per run, ${os.cpus()[0]?.model} x${os.availableParallelism()}`);
  for (const endpoint of ENDPOINTS) {
    for (const connections of [10, 50]) {
      const url = `${floor.origin}${endpoint.path}`;
      const headers = endpoint.body ? { 'content-type': 'application/json' } : undefined;
      const cannon = await autocannon({
        url,
        connections,
        duration: seconds,
        method: endpoint.method,
        body: endpoint.body,
        headers,
      });
      const line = `${endpoint.name} x${connections}: autocannon ${Math.round(cannon.requests.average)} req/s (p50 ${cannon.latency.p50} ms, p99 ${cannon.latency.p99} ms)`;
      if (!hasWrk) {
        console.log(`${line}; wrk not installed (apt-get install wrk)`);
        continue;
      }
      const other = wrk(url, connections, endpoint);
      console.log(`${line}; wrk ${Math.round(other.rps)} req/s (p50 ${other.p50}, p99 ${other.p99})`);
    }
  }
} finally {
  await floor.stop();
  await cleanupAll();
  fs.rmSync(dir, { recursive: true, force: true });
}
