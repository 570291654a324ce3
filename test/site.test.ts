import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { publishRun } from '../commands/publish';
import { restoreSite, saveSite } from '../commands/site';
import { syntheticResults } from './results-fixture';
import { chartData, freshCheckout, git, projectRemote } from './support/site';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-bench-site-test-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A complete run folder as a run writes it: results.json only (a run without browser samples publishes no CSV). */
function recordedRun(index: number, profile = 'ci'): string {
  const dir = path.join(scratch, `run-${index}`);
  fs.mkdirSync(dir);
  const results = syntheticResults({
    runId: `2026-12-0${index}T03-37-00Z-s${index}`,
    startedAt: `2026-12-0${index}T03:37:00.000Z`,
    finishedAt: `2026-12-0${index}T03:44:00.000Z`,
  });
  results.environment.seed = index;
  results.config = { ...results.config, profile };
  fs.writeFileSync(path.join(dir, 'results.json'), JSON.stringify(results));
  return dir;
}

interface TrendGroup {
  profile: string;
  labels: string[];
  trends: { lines: { points: unknown[] }[] }[];
}

/** The trend charts' data in a published index, per profile: one label per run, one point per run per line. */
const trendsOf = (indexFile: string) => chartData<{ groups: TrendGroup[] }>(fs.readFileSync(indexFile, 'utf8')).groups;

describe('the published site accumulates across fresh checkouts (npm run site -- restore|save)', () => {
  // The project's remote (with the site's branch once saved) and its history: one commit, as CI checks it out.
  const remote = projectRemote(scratch);

  /** One CI run the way the workflow does it: a fresh clone, restore, publish this run, save. */
  function publishFromFreshCheckout(index: number): string {
    const { published, options } = freshCheckout(remote, path.join(scratch, `checkout-${index}`));
    expect(restoreSite(published, options)).toHaveLength(index - 1);
    const indexFile = publishRun(recordedRun(index), published);
    expect(saveSite(published, `Publish run ${index}`, options)).toMatch(/^[0-9a-f]{40}$/);
    return indexFile;
  }

  it('publishing three runs in sequence yields an index whose trend has three points per line', () => {
    publishFromFreshCheckout(1);
    publishFromFreshCheckout(2);
    const groups = trendsOf(publishFromFreshCheckout(3));
    expect(groups.map((group) => group.profile)).toEqual(['ci']);
    const trend = groups[0]!;
    expect(trend.labels).toEqual(['2026-12-01 s1', '2026-12-02 s2', '2026-12-03 s3']);
    for (const line of trend.trends.flatMap((t) => t.lines)) expect(line.points.filter(Boolean)).toHaveLength(3);
  });

  it("keeps the site's history on its own branch, and leaves no worktree or branch behind in the checkout", () => {
    const log = git(scratch, '--git-dir', remote, 'log', '--format=%s', 'gh-pages').trim().split('\n');
    expect(log).toEqual(['Publish run 3', 'Publish run 2', 'Publish run 1']);
    const files = git(scratch, '--git-dir', remote, 'ls-tree', '--name-only', 'gh-pages').trim().split('\n');
    expect(files).toEqual(
      expect.arrayContaining(['.nojekyll', 'index.html', '2026-12-01T03-37-00Z-s1', '2026-12-03T03-37-00Z-s3']),
    );
    const checkout = path.join(scratch, 'checkout-3');
    expect(git(checkout, 'worktree', 'list').trim().split('\n')).toHaveLength(1);
    expect(git(checkout, 'branch', '--list', 'site-*').trim()).toBe('');
  });

  it('gives a run of another profile a trend of its own: runs that sample differently are not one series', () => {
    const published = path.join(scratch, 'published-copy');
    fs.cpSync(path.join(scratch, 'checkout-3', 'reports', 'published'), published, { recursive: true });
    const groups = trendsOf(publishRun(recordedRun(4, 'standard'), published));
    expect(groups.map((group) => [group.profile, group.labels.length])).toEqual([
      ['ci', 3],
      ['standard', 1],
    ]);
  });

  it('saves nothing when nothing changed, and restores nothing from a remote without the branch', () => {
    const checkout = path.join(scratch, 'checkout-3');
    const published = path.join(checkout, 'reports', 'published');
    expect(saveSite(published, 'again', { repo: checkout, remote: 'origin', branch: 'gh-pages' })).toBeNull();
    expect(restoreSite(published, { repo: checkout, remote: 'origin', branch: 'no-such-branch' })).toEqual([]);
  });
});
