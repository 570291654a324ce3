import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { publishRun } from '../../commands/publish';
import { launchChromium, requireChromium } from '../../runner/measure/browser/chromium';
import { UserError } from '../../runner/core/errors';
import type { Results } from '../../runner/contract/results';
import { syntheticResults, syntheticSamples } from '../results-fixture';
import { canvasesDrawn, openOnLaptop, tooWide } from '../support/report-page';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-bench-publish-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A run folder as the runner leaves it: results.json and samples.jsonl. */
function runFolder(overrides: Partial<Results>): string {
  const results = syntheticResults(overrides);
  const dir = path.join(scratch, 'runs', results.runId);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'results.json'), JSON.stringify(results));
  fs.writeFileSync(
    path.join(dir, 'samples.jsonl'),
    syntheticSamples([0, 60], 10)
      .map((sample) => JSON.stringify(sample))
      .join('\n'),
  );
  return dir;
}

describe('npm run report:publish', () => {
  const published = path.join(scratch, 'published');

  it('copies a run with its report, history files and samples as gzipped CSV, and lists every published run, newest first', () => {
    publishRun(runFolder({ runId: 'older-run', startedAt: '2026-11-30T08:00:00.000Z' }), published);
    const index = publishRun(runFolder({ runId: 'newer-run', startedAt: '2026-12-01T08:00:00.000Z' }), published);
    const files = fs.readdirSync(path.join(published, 'newer-run')).sort();
    expect(files).toEqual(['bencher.json', 'benchmark-action.json', 'index.html', 'results.json', 'samples.csv.gz']);
    const csv = gunzipSync(fs.readFileSync(path.join(published, 'newer-run', 'samples.csv.gz')))
      .toString()
      .trim()
      .split('\n');
    expect(csv[0]).toBe(
      'scenario,variant,twin,rttMs,chrome,round,index,warmup,latencyMs,listenerLatencyMs,inputDelayMs,frameMs,roundTrips,requests,bytesToServer,bytesToClient,newConnections',
    );
    expect(csv).toHaveLength(syntheticSamples([0, 60], 10).length + 1);
    const html = fs.readFileSync(index, 'utf8');
    expect(html.indexOf('newer-run')).toBeGreaterThan(0);
    expect(html.indexOf('newer-run')).toBeLessThan(html.indexOf('older-run'));
    expect(html).toContain('href="newer-run/index.html"');
    for (const claim of syntheticResults().claims)
      expect(html).toContain(`<span class="verdict">${claim.id} <span class="badge`);
  });

  it('refuses an incomplete run with one line', () => {
    const incomplete = runFolder({
      runId: 'broken-run',
      complete: false,
      failures: [{ scenario: 'revalidate', variant: 'action', rttMs: 0, message: 'did not show the item' }],
    });
    expect(() => publishRun(incomplete, published)).toThrow(UserError);
    expect(() => publishRun(incomplete, published)).toThrow(
      'broken-run is incomplete (did not show the item): publish a complete run',
    );
  });

  it('renders an index that opens from file:// with no request or console error, its trend charts drawn, nothing wider than 1280 px', async () => {
    const browser = await launchChromium(requireChromium(), { deferAfterInput: false });
    try {
      const { page, problems } = await openOnLaptop(browser, path.join(published, 'index.html'));
      expect(await canvasesDrawn(page)).toEqual([true]);
      expect(await tooWide(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
