import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMENT_MARKER } from '../../reports/pr-comment';
import { ResultsSchema } from '../../runner/contract/results';
import { fixtureProcesses, ROOT } from '../support/cli';
import {
  readAction,
  runAction,
  runnerEnvironment,
  startFakeGitHub,
  type ActionRun,
  type FakeGitHub,
} from '../support/fake-github';

/**
 * action.yml's steps as a runner would run them, for real: the Chromium set-up, the duet of the guestbook example
 * (examples/guestbook/mutation-bench.config.ts) against a commit of this repository with the quick profile, the
 * comment posted to a fake GitHub API, the upload (recorded), the last step's exit code; then the comment step once
 * more, which must update the comment, not add one. `npm ci` is left out: it would reinstall the node_modules these
 * tests run from (the action's folder is this checkout).
 */

const CONFIG = 'examples/guestbook/mutation-bench.config.ts';
const PR = 11;
const BENCH_STEP = 'Measure against the base';
const COMMENT_STEP = 'Comment on the pull request';
const LAST_STEP = 'Fail on a regression or a failed run';

const git = (...args: string[]) => execFileSync('git', ['-C', ROOT, ...args], { encoding: 'utf8' }).trim();

describe('action.yml on this machine: the guestbook measured against a commit, the comment posted, then updated', () => {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-bench-action-e2e-'));
  const action = readAction();
  const base = git('rev-parse', 'HEAD');
  let github: FakeGitHub;
  let runner: ReturnType<typeof runnerEnvironment>;
  let run: ActionRun;
  const uploaded: Record<string, string>[] = [];
  const step = (name: string) => run.steps.find((candidate) => candidate.name === name)!;

  beforeAll(async () => {
    github = await startFakeGitHub({ comments: { [PR]: ['a review comment'] } });
    runner = runnerEnvironment({
      workspace: ROOT,
      actionPath: ROOT,
      temp,
      eventName: 'pull_request',
      event: { pull_request: { number: PR, base: { sha: base } } },
      apiUrl: github.url,
    });
  });
  afterAll(async () => {
    await github.close();
    fs.rmSync(temp, { recursive: true, force: true });
  });

  it('has a base commit that holds the example (the duet builds the example as it was there)', () => {
    expect(() => git('cat-file', '-e', `${base}:${CONFIG}`), `${CONFIG} is not committed at HEAD`).not.toThrow();
  });

  it('runs every step but npm ci: the duet exits 0 or 3, the comment is posted once, the job ends with the duet’s code', async () => {
    run = await runAction(action, {
      inputs: { config: CONFIG, profile: 'quick' },
      github: runner.github,
      env: runner.env,
      skip: (candidate) => candidate.run?.startsWith('npm ci') ?? false,
      uses: (candidate, given) => {
        if (candidate.uses!.startsWith('actions/upload-artifact@')) uploaded.push(given);
        return 0;
      },
    });
    const bench = step(BENCH_STEP);
    const log = `${bench.stdout}\n${bench.stderr}`.slice(-4000);
    expect(bench.code, log).toBe(0);
    const exitCode = bench.outputs['exit-code'];
    expect(['0', '3'], log).toContain(exitCode);
    expect(step('Make sure a Chromium is there').code).toBe(0);
    expect(step('Install mutation-bench').ran).toBe(false);
    expect(step(LAST_STEP).code).toBe(Number(exitCode));
    expect(run.failed).toBe(exitCode === '3');

    const runDir = bench.outputs['run-dir']!;
    expect(path.dirname(runDir)).toBe(temp);
    const results = ResultsSchema.parse(JSON.parse(fs.readFileSync(path.join(runDir, 'results.json'), 'utf8')));
    expect(results.complete).toBe(true);
    expect(results.against).toMatchObject({ ref: base, commit: base });
    expect(results.against!.comparison.length).toBeGreaterThan(0);
    expect(uploaded).toEqual([{ name: 'mutation-bench-bench-1', path: runDir, 'if-no-files-found': 'warn' }]);
    expect(fs.readFileSync(runner.env.GITHUB_STEP_SUMMARY!, 'utf8')).toContain('| Metric |');

    const comment = step(COMMENT_STEP);
    expect(comment.code, comment.stderr).toBe(0);
    expect(comment.stdout).not.toContain('::warning');
    expect(comment.stderr).toMatch(/mutation-bench comment: created /);
    const posted = github.comments(PR).filter((candidate) => candidate.body.startsWith(COMMENT_MARKER));
    expect(posted).toHaveLength(1);
    expect(posted[0]!.body).toContain(`### mutation-bench: this pull request against \`${base.slice(0, 12)}\``);
    expect(posted[0]!.body).toContain(
      '| Metric | Baseline | Candidate | Change (95% CI) | Noise band | q (BH) | Verdict |',
    );
    expect(posted[0]!.body).toContain('Measured with profile `quick`');
    expect(posted[0]!.body).toContain(`The app of \`${CONFIG}\``);
    expect(posted[0]!.body).toContain('`mutation-bench-bench-1`');
    expect(fixtureProcesses()).toEqual([]);
  }, 1_500_000);

  it('the comment step again (a new push): the same comment updated, none added', async () => {
    const before = github.comments(PR).find((candidate) => candidate.body.startsWith(COMMENT_MARKER))!;
    github.requests.length = 0;
    const again = await runAction(
      { ...action, runs: { ...action.runs, steps: action.runs.steps.filter((s) => s.name === COMMENT_STEP) } },
      {
        inputs: { config: CONFIG, profile: 'quick' },
        github: runner.github,
        env: runner.env,
        steps: { bench: { outputs: step(BENCH_STEP).outputs } },
      },
    );
    expect(again.steps.map((s) => [s.name, s.ran, s.code])).toEqual([[COMMENT_STEP, true, 0]]);
    expect(github.requests.map((request) => request.method)).toEqual(['GET', 'PATCH']);
    expect(github.requests.at(-1)!.url).toBe(`/repos/octo/app/issues/comments/${before.id}`);
    expect(github.comments(PR)).toHaveLength(2);
    expect(github.comments(PR).filter((candidate) => candidate.body.startsWith(COMMENT_MARKER))).toHaveLength(1);
  });
});
