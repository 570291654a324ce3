import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../runner/analyse/analyse';
import { readMeasuredRun } from '../runner/analyse/run-folder';
import { readResults } from '../runner/contract/store';

/**
 * A recorded run folder (the published default run, seed 951: samples.jsonl, the load records and run.json as the
 * measure stage writes them) and the results.json it produced. Analysing the folder again must give back every
 * number and verdict: a change that moves one is a change of the statistics or a claim rule, and must say so here.
 */
const RECORDED = path.join(import.meta.dirname, 'fixtures', 'runs', 'seed-951');
const copies: string[] = [];
afterAll(() => copies.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('analyse on the recorded run of seed 951', () => {
  const golden = readResults(RECORDED);

  it('gives back its results.json from run.json, the samples and the load records', () => {
    expect(analyse(readMeasuredRun(RECORDED))).toEqual(golden);
  });

  it('gives back the same from a folder written before run.json (its results.json holds what run.json would)', () => {
    const legacy = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-bench-golden-'));
    copies.push(legacy);
    for (const file of ['samples.jsonl', 'http-repeats.jsonl', 'http-warmup.jsonl', 'results.json'])
      fs.copyFileSync(path.join(RECORDED, file), path.join(legacy, file));
    expect(analyse(readMeasuredRun(legacy))).toEqual(golden);
  });

  it('refuses a load window this version cannot read, naming the file and the line', () => {
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-bench-golden-'));
    copies.push(broken);
    for (const file of fs.readdirSync(RECORDED)) fs.copyFileSync(path.join(RECORDED, file), path.join(broken, file));
    const lines = fs.readFileSync(path.join(broken, 'http-repeats.jsonl'), 'utf8').split('\n');
    const { interactionsPerSec: _dropped, ...window } = JSON.parse(lines[2]!) as Record<string, unknown>;
    lines[2] = JSON.stringify(window);
    fs.writeFileSync(path.join(broken, 'http-repeats.jsonl'), lines.join('\n'));
    expect(() => readMeasuredRun(broken)).toThrow(/http-repeats\.jsonl line 3 is not a record of this version/);
  });
});
