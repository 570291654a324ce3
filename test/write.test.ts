import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HISTORY_FILES, writeReport } from '../reports/write';
import { syntheticResults, syntheticSamples } from './results-fixture';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-bench-write-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const ttfbNames = () =>
  Object.keys(JSON.parse(fs.readFileSync(path.join(dir, HISTORY_FILES.bencher), 'utf8'))).filter((name) =>
    name.endsWith(' time to first byte'),
  );

describe('writeReport: the report and the history files beside results.json', () => {
  fs.writeFileSync(path.join(dir, 'results.json'), JSON.stringify(syntheticResults()));
  const samples = syntheticSamples([0, 60], 10).map((sample) => ({
    ...sample,
    requests: sample.requests.map((request) => ({ ...request, responseStartMs: request.startMs + 7 })),
  }));

  it("writes each request's time to first byte from the samples", () => {
    writeReport(dir, samples);
    expect(ttfbNames().length).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(dir, 'samples.csv.gz'))).toBe(true);
  });

  it('keeps the history files when re-rendered without samples (a published run), and makes them when there are none', () => {
    const before = ttfbNames();
    writeReport(dir, null);
    expect(ttfbNames()).toEqual(before);
    for (const file of Object.values(HISTORY_FILES)) fs.rmSync(path.join(dir, file));
    writeReport(dir, null);
    expect(fs.existsSync(path.join(dir, HISTORY_FILES.githubActionBenchmark))).toBe(true);
    expect(ttfbNames()).toEqual([]);
  });
});
