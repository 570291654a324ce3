import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { commentBodyOf, gitHubTarget, upsertComment, workflowRunUrl, type GitHubTarget } from '../commands/comment';
import { COMMENT_MARKER, commentVerdict, MAX_COMMENT_CHARS, prCommentBody } from '../reports/pr-comment';
import { ResultsSchema, type MetricComparison, type Results } from '../runner/contract/results';
import { writeResultsFile } from '../runner/contract/store';
import { UserError } from '../runner/core/errors';
import { ROOT, spawnCommand } from './support/cli';
import { startFakeGitHub, type FakeGitHub } from './support/fake-github';
import { syntheticResults } from './results-fixture';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-bench-pr-comment-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const BAND = { pct: 5, ms: 2 };
const BASE_COMMIT = '0123456789abcdef0123456789abcdef01234567';

/** A comparison row as the duet writes it: `ratio` candidate/baseline, its CI, the verdict. */
function row(key: string, verdict: MetricComparison['verdict'], ratio: number, loads = 45): MetricComparison {
  return {
    key,
    unit: 'ms',
    baseline: 20,
    candidate: 20 * ratio,
    ratio,
    ratioCi95: verdict === 'too few values' ? null : [ratio - 0.02, ratio + 0.02],
    bandRatio: 1.1,
    p: verdict === 'regression' ? 0.0001 : 0.5,
    q: verdict === 'regression' ? 0.0004 : 0.9,
    n: [loads, loads],
    verdict,
  };
}

const ROWS: MetricComparison[] = [
  row('browser guestbook/action at RTT 0 ms', 'no change', 1.01, 44),
  row('browser guestbook/route at RTT 0 ms: POST /api/entries time to first byte', 'improvement', 0.7),
  row('browser guestbook/action at RTT 0 ms: POST /guestbook/action time to first byte', 'regression', 1.4),
];

/** A complete duet's results with `comparison` against a base given as its commit. */
function duet(comparison: MetricComparison[] = ROWS, overrides: Partial<Results> = {}): Results {
  const results = syntheticResults({
    runId: '2026-12-08T10-00-00Z-s7',
    against: { ref: BASE_COMMIT, commit: BASE_COMMIT, lockfileDiffers: false, band: BAND, comparison },
    ...overrides,
  });
  return {
    ...results,
    config: { ...results.config, profile: 'ci', rttMs: [0] },
    environment: { ...results.environment, gitSha: 'fedcba9876543210fedcba9876543210fedcba98', seed: 7 },
  };
}

const CONTEXT = { artifact: 'mutation-bench-bench-1', runUrl: 'https://github.test/octo/app/actions/runs/4242' };

describe('the pull request comment (reports/pr-comment.ts)', () => {
  it('opens with the marker, the base, the verdict, then the table regressions first', () => {
    const body = prCommentBody(duet(), CONTEXT);
    const lines = body.split('\n');
    expect(lines[0]).toBe(COMMENT_MARKER);
    expect(lines[1]).toBe('### mutation-bench: this pull request against `0123456789ab`');
    expect(lines[3]).toBe(
      '**1 regression** beyond the noise band, the larger of 5% and 2 ms, among 3 metrics; 1 improvement, 1 no change.',
    );
    const table = lines.filter((line) => line.startsWith('| browser '));
    expect(table.map((line) => line.split(' | ')[0]!.slice(2))).toEqual([
      'browser guestbook/action at RTT 0 ms: POST /guestbook/action time to first byte',
      'browser guestbook/route at RTT 0 ms: POST /api/entries time to first byte',
      'browser guestbook/action at RTT 0 ms',
    ]);
    expect(table[0]).toMatch(/\| \+40\.0% \(\+38\.0% to \+42\.0%\) \| .* \| \*\*regression\*\* \|$/);
    expect(lines).toContain('| Metric | Baseline | Candidate | Change (95% CI) | Noise band | q (BH) | Verdict |');
  });

  it('names the conditions: profile, page loads, RTT, Next, the commits; and where the report is', () => {
    const body = prCommentBody(duet(), CONTEXT);
    expect(body).toContain(
      'Measured with profile `ci`, 44–45 page loads per build, paired by round, RTT 0 ms, Next 16.4.5, Chromium 156, Node v20, 2 cores (cpu).',
    );
    expect(body).toContain('This pull request at `fedcba987654`, its base `0123456789ab`.');
    expect(body).toContain('Run `2026-12-08T10-00-00Z-s7`, seed 7.');
    const app = {
      configFile: 'examples/guestbook/mutation-bench.config.ts',
      failOnRegression: true,
    };
    expect(prCommentBody(duet(ROWS, { app }))).toContain(
      '2 cores (cpu). The app of `examples/guestbook/mutation-bench.config.ts`. This pull request at',
    );
    expect(body).toContain(
      'is the artifact `mutation-bench-bench-1` of [this workflow run](https://github.test/octo/app/actions/runs/4242).',
    );
    expect(body).toContain('<details><summary>How this is decided</summary>');
  });

  it.each([
    [
      'improvements only',
      [row('a', 'improvement', 0.8), row('b', 'no change', 1)],
      '**No regression**; 1 improvement beyond the noise band, the larger of 5% and 2 ms, among 2 metrics; 1 no change.',
    ],
    [
      'no change',
      [row('a', 'no change', 1), row('b', 'no change', 1.02), row('c', 'too few values', 1.5)],
      '**No change** beyond the noise band, the larger of 5% and 2 ms in any of 3 metrics compared; 1 with too few values to compare.',
    ],
    [
      'two regressions',
      [row('a', 'regression', 1.3), row('b', 'regression', 1.2)],
      '**2 regressions** beyond the noise band, the larger of 5% and 2 ms, among 2 metrics; 0 improvements, 0 no change.',
    ],
    ['nothing shared', [], '**Nothing compared**: the two builds share no metric (did a cell fail?).'],
  ])('a one-line verdict: %s', (_name, rows, verdict) => {
    expect(commentVerdict(rows, BAND)).toBe(verdict);
    expect(prCommentBody(duet(rows)).split('\n')[3]).toBe(verdict);
  });

  it("says when a regression does not fail the job, as the app's config asks (failOnRegression: false)", () => {
    const configFile = 'examples/guestbook/mutation-bench.config.ts';
    const gated = prCommentBody(duet(ROWS, { app: { configFile, failOnRegression: true } }));
    const passing = prCommentBody(duet(ROWS, { app: { configFile, failOnRegression: false } }));
    expect(gated).not.toContain('The job passes anyway');
    expect(passing).toContain(
      'The job passes anyway: `examples/guestbook/mutation-bench.config.ts` sets `regression.failOnRegression: false`.',
    );
  });

  it('renders the comment of a real duet of the example app (seed 2801: the same code on both sides)', () => {
    const file = path.join(ROOT, 'test', 'fixtures', 'runs', 'guestbook-duet-2801', 'results.json');
    const results = ResultsSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    const body = prCommentBody(results, CONTEXT);
    expect(body.startsWith(`${COMMENT_MARKER}\n### mutation-bench: this pull request against \`3d25a4c3ffaf\``)).toBe(
      true,
    );
    expect(body).toContain(
      '**No change** beyond the noise band, the larger of 5% and 2 ms in any of 4 metrics compared.',
    );
    for (const metric of [
      'browser sign/action at RTT 0 ms',
      'browser sign/route at RTT 0 ms: POST /api/entries time to first byte',
    ])
      expect(body).toContain(`| ${metric} |`);
    expect(body).toContain('The app of `examples/guestbook/mutation-bench.config.ts`.');
  });

  it('names the base by its ref and commit when they differ, in code whatever the ref holds', () => {
    const results = duet();
    results.against = { ...results.against!, ref: 'origin/main`<b>', commit: BASE_COMMIT };
    expect(prCommentBody(results).split('\n')[1]).toBe(
      '### mutation-bench: this pull request against `` origin/main`<b> `` (`0123456789ab`)',
    );
  });

  it('says when the base was built with this pull request’s dependencies', () => {
    const results = duet();
    results.against = { ...results.against!, lockfileDiffers: true };
    expect(prCommentBody(results)).toContain('a dependency change is not part of this comparison');
    expect(prCommentBody(duet())).not.toContain('dependency change');
  });

  it('an incomplete run: says so with its failed cells, and shows no table', () => {
    const failures = Array.from({ length: 7 }, (_, index) => ({
      scenario: 'guestbook',
      variant: index ? `v${index}` : 'route',
      rttMs: 0,
      message: index ? 'timeout' : 'the expected text "1 entry" never showed\nwithin 10000 ms',
    }));
    const body = prCommentBody(duet(ROWS, { complete: false, failures }), CONTEXT);
    expect(body.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
    expect(body).toContain('**The run did not complete**, so nothing was compared');
    expect(body).toContain('7 cells failed:');
    expect(body).toContain('- guestbook/route at RTT 0 ms: `the expected text "1 entry" never showed within 10000 ms`');
    expect(body).toContain('- and 2 more');
    expect(body).not.toContain('| Metric');
    expect(body).not.toContain('regression');
    expect(body).toContain('mutation-bench-bench-1');
    const stopped = prCommentBody(duet(ROWS, { complete: false }));
    expect(stopped).toContain('It was stopped or failed before its end');
  });

  it('a run without --against: nothing compared, no table', () => {
    const body = prCommentBody(syntheticResults(), {});
    expect(body.split('\n').slice(0, 2)).toEqual([COMMENT_MARKER, '### mutation-bench']);
    expect(body).toContain('**Nothing compared**: this run was not a duet');
    expect(body).not.toContain('| Metric');
    expect(body).toContain('The full report is `index.html` in the run folder `test-run`.');
  });

  it('stays under GitHub’s size limit: rows beyond it are left to the report, regressions kept', () => {
    const many = Array.from({ length: 900 }, (_, index) =>
      row(`browser guestbook/variant-${String(index).padStart(3, '0')} at RTT 0 ms: ${'x'.repeat(40)}`, 'no change', 1),
    );
    const body = prCommentBody(duet([...many, row('browser the one that regressed', 'regression', 1.5)]));
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(body).toMatch(/_\d+ more rows \(fewer changes first\) in the report: too long for a comment\._/);
    expect(body.split('\n').find((line) => line.startsWith('| browser '))).toContain('the one that regressed');
    expect(body).toContain('Measured with profile');
  });
});

describe('commands/comment.ts: what it reads', () => {
  it('refuses a folder without results.json in one line naming the fix', () => {
    expect(() => commentBodyOf(path.join(scratch, 'nothing-here'))).toThrow(UserError);
    expect(() => commentBodyOf(path.join(scratch, 'nothing-here'))).toThrow(/has no results\.json: pass the folder/);
  });

  it('reads the run folder', () => {
    const dir = path.join(scratch, 'run');
    fs.mkdirSync(dir);
    writeResultsFile(dir, duet());
    expect(commentBodyOf(dir, CONTEXT)).toBe(prCommentBody(duet(), CONTEXT));
  });

  it('takes the pull request from the event, or --pr; refuses a missing token, repository or pull request', () => {
    const event = path.join(scratch, 'event.json');
    fs.writeFileSync(event, JSON.stringify({ pull_request: { number: 12 } }));
    const env = { GITHUB_TOKEN: 't', GITHUB_REPOSITORY: 'octo/app', GITHUB_EVENT_PATH: event };
    expect(gitHubTarget(env)).toEqual({ apiUrl: 'https://api.github.com', token: 't', repository: 'octo/app', pr: 12 });
    expect(gitHubTarget({ ...env, GITHUB_API_URL: 'https://ghe.test/api/v3/' }, '5')).toMatchObject({
      apiUrl: 'https://ghe.test/api/v3',
      pr: 5,
    });
    const push = path.join(scratch, 'push.json');
    fs.writeFileSync(push, JSON.stringify({ ref: 'refs/heads/main' }));
    const refusals: [NodeJS.ProcessEnv, string | undefined, RegExp][] = [
      [{ ...env, GITHUB_TOKEN: '' }, undefined, /^GITHUB_TOKEN is not set: set it to a token/],
      [{ ...env, GITHUB_REPOSITORY: undefined }, undefined, /^GITHUB_REPOSITORY must be owner\/name/],
      [{ ...env, GITHUB_EVENT_PATH: push }, undefined, /^not a pull request event: .* or pass --pr N$/],
      [{ ...env, GITHUB_EVENT_PATH: undefined }, undefined, /GITHUB_EVENT_PATH is not set/],
      [env, 'seven', /^--pr takes a pull request's number/],
    ];
    for (const [given, pr, message] of refusals) {
      expect(() => gitHubTarget(given, pr)).toThrow(UserError);
      expect(() => gitHubTarget(given, pr)).toThrow(message);
    }
  });

  it('links the workflow run when the environment names it', () => {
    expect(
      workflowRunUrl({ GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '9' }),
    ).toBe('https://github.com/o/r/actions/runs/9');
    expect(workflowRunUrl({})).toBeUndefined();
  });
});

describe('commands/comment.ts: one comment per pull request, against a fake GitHub API', () => {
  let github: FakeGitHub;
  let target: GitHubTarget;
  const PR = 7;
  const others = ['First!', `quoting ${COMMENT_MARKER} is not starting with it`, 'LGTM'];

  beforeEach(async () => {
    // Two comments a page: the pages must be followed to find ours.
    github = await startFakeGitHub({ pageSize: 2, comments: { [PR]: others, 8: [`${COMMENT_MARKER}\nanother PR's`] } });
    target = { apiUrl: github.url, token: 'test-token', repository: 'octo/app', pr: PR };
    return () => github.close();
  });

  const calls = () => github.requests.map((request) => `${request.method} ${request.url}`);

  it('posts on the first run, updates the same comment on the next, following every page', async () => {
    const first = await upsertComment(target, `${COMMENT_MARKER}\nfirst`);
    expect(first.action).toBe('created');
    expect(calls()).toEqual([
      'GET /repos/octo/app/issues/7/comments?per_page=100',
      'GET /repos/octo/app/issues/7/comments?per_page=100&page=2',
      'POST /repos/octo/app/issues/7/comments',
    ]);
    expect(github.requests.every((request) => request.authorization === 'Bearer test-token')).toBe(true);
    github.requests.length = 0;

    const second = await upsertComment(target, `${COMMENT_MARKER}\nsecond`);
    expect(second).toMatchObject({ action: 'updated', id: first.id });
    expect(calls()).toEqual([
      'GET /repos/octo/app/issues/7/comments?per_page=100',
      'GET /repos/octo/app/issues/7/comments?per_page=100&page=2',
      `PATCH /repos/octo/app/issues/comments/${first.id}`,
    ]);
    expect(github.requests.at(-1)!.body).toEqual({ body: `${COMMENT_MARKER}\nsecond` });
    expect(github.comments(PR).map((comment) => comment.body)).toEqual([...others, `${COMMENT_MARKER}\nsecond`]);
    expect(github.comments(8)).toHaveLength(1);
  });

  it('refuses a body without the marker (it could never be found again)', async () => {
    await expect(upsertComment(target, 'no marker')).rejects.toThrow(/must start with/);
    expect(github.requests).toEqual([]);
  });

  it('turns a refused token into one line naming the fix', async () => {
    await expect(upsertComment({ ...target, token: 'wrong' }, `${COMMENT_MARKER}\n`)).rejects.toThrow(UserError);
    await expect(upsertComment({ ...target, token: 'wrong' }, `${COMMENT_MARKER}\n`)).rejects.toThrow(
      /with 401 \(Bad credentials\): the token was refused: check GITHUB_TOKEN/,
    );
    await expect(upsertComment({ ...target, repository: 'octo/other' }, `${COMMENT_MARKER}\n`)).rejects.toThrow(
      /404 .*no pull request octo\/other#7 the token can see/,
    );
  });

  it('sends the token nowhere but the API: a next page on another origin is not followed', async () => {
    await github.close();
    github = await startFakeGitHub({ pageSize: 2, comments: { [PR]: others }, nextOrigin: 'http://127.0.0.2:9' });
    await expect(upsertComment({ ...target, apiUrl: github.url }, `${COMMENT_MARKER}\n`)).rejects.toThrow(
      /is not on http:\/\/127\.0\.0\.1:\d+: not followed/,
    );
  });
});

/** `npx mutation-bench comment …` as a user or the action starts it. */
function comment(args: string[], env: Record<string, string | undefined>) {
  return spawnCommand(process.execPath, [path.join(ROOT, 'bin', 'mutation-bench.mjs'), 'comment', ...args], {
    cwd: scratch,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });
}

describe('mutation-bench comment, the command', () => {
  const dir = path.join(scratch, 'cli-run');
  const event = path.join(scratch, 'cli-event.json');
  fs.mkdirSync(dir);
  writeResultsFile(dir, duet());
  fs.writeFileSync(event, JSON.stringify({ pull_request: { number: 3 } }));

  it('prints the body, and with --post adds it, then updates it', async () => {
    const github = await startFakeGitHub();
    try {
      const env = {
        GITHUB_TOKEN: 'test-token',
        GITHUB_REPOSITORY: 'octo/app',
        GITHUB_API_URL: github.url,
        GITHUB_EVENT_PATH: event,
      };
      const printed = await comment(['--run', dir, '--artifact', 'a1'], env);
      expect(printed.code).toBe(0);
      expect(printed.stdout).toBe(`${prCommentBody(duet(), { artifact: 'a1' })}\n`);
      expect(github.requests).toEqual([]);
      for (const action of ['created', 'updated']) {
        const posted = await comment(['--run', dir, '--artifact', 'a1', '--post'], env);
        expect(posted.code, posted.stderr).toBe(0);
        expect(posted.stderr).toMatch(
          new RegExp(`^mutation-bench comment: ${action} https://github.test/octo/app/pull/3`),
        );
      }
      expect(github.comments(3).map((c) => c.body)).toEqual([prCommentBody(duet(), { artifact: 'a1' })]);
    } finally {
      await github.close();
    }
  });

  it.each([
    [
      'no token',
      ['--run', dir, '--post'],
      { GITHUB_REPOSITORY: 'octo/app', GITHUB_EVENT_PATH: event },
      /GITHUB_TOKEN is not set/,
    ],
    [
      'not a pull request',
      ['--run', dir, '--post'],
      { GITHUB_TOKEN: 't', GITHUB_REPOSITORY: 'octo/app' },
      /no pull request/,
    ],
    [
      'no results.json',
      ['--run', scratch, '--post', '--pr', '3'],
      { GITHUB_TOKEN: 't', GITHUB_REPOSITORY: 'o/r' },
      /has no results\.json/,
    ],
    ['no --run', [], {}, /usage: mutation-bench comment --run DIR/],
  ])('%s: one line naming the fix, exit 2', async (_name, args, env, message) => {
    const exit = await comment(args, env);
    expect(exit.code).toBe(2);
    expect(exit.stdout).toBe('');
    expect(exit.stderr.trim().split('\n')).toHaveLength(1);
    expect(exit.stderr).toMatch(/^mutation-bench comment: /);
    expect(exit.stderr).toMatch(message);
  });
});
