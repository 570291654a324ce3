import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { validateAction, validateWorkflow } from '@action-validator/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMENT_MARKER } from '../reports/pr-comment';
import { loadAppConfig } from '../runner/core/app-config-file';
import type { MetricComparison, Results } from '../runner/contract/results';
import { writeResultsFile } from '../runner/contract/store';
import { ROOT, spawnCommand } from './support/cli';
import {
  ACTION_FILE,
  evaluate,
  parseYaml,
  readAction,
  runAction,
  runnerEnvironment,
  startFakeGitHub,
  type ActionRun,
  type Contexts,
  type FakeGitHub,
} from './support/fake-github';
import { syntheticResults } from './results-fixture';

const TEXT = fs.readFileSync(ACTION_FILE, 'utf8');
const ACTION = readAction();
const STEPS = ACTION.runs.steps;
const RUN_STEPS = STEPS.filter((step) => step.run !== undefined);
const BIN = path.join(ROOT, 'bin', 'mutation-bench.mjs');

/** The step whose script names `text`. */
const stepRunning = (text: string) => STEPS.findIndex((step) => step.run?.includes(text));

describe('action.yml', () => {
  it('is a valid action by the GitHub action schema', () => {
    expect(validateAction(TEXT).errors).toEqual([]);
  });

  it.each([
    ['no runs.using', (text: string) => text.replace(/^ {2}using: composite\n/m, '')],
    ['a run step without a shell', (text: string) => text.replace(/^ {6}shell: bash\n/m, '')],
    ['no description', (text: string) => text.replace(/^description: .*\n/m, '')],
  ])('is rejected when broken: %s', (_name, breakIt) => {
    const broken = breakIt(TEXT);
    expect(broken).not.toBe(TEXT);
    expect(validateAction(broken).errors.length).toBeGreaterThan(0);
  });

  it('is a composite action at the repository root, read here as GitHub reads it', () => {
    expect(ACTION.runs.using).toBe('composite');
    expect(STEPS.map((step) => step.name)).toEqual([
      'Set up Node',
      'Install mutation-bench',
      'Make sure a Chromium is there',
      'Measure against the base',
      'Comment on the pull request',
      'Upload the run folder',
      'Fail on a regression or a failed run',
    ]);
    for (const step of RUN_STEPS) expect(step.shell, step.name).toBe('bash');
  });

  it('declares its inputs with their defaults, each documented in docs/ci.md', () => {
    expect(
      Object.fromEntries(Object.entries(ACTION.inputs).map(([name, input]) => [name, [input.required, input.default]])),
    ).toEqual({
      config: ['true', undefined],
      base: ['false', '${{ github.event.pull_request.base.sha }}'],
      profile: ['false', 'ci'],
      'github-token': ['false', '${{ github.token }}'],
      comment: ['false', 'true'],
      'node-version': ['false', '20'],
      'artifact-name': ['false', 'mutation-bench-${{ github.job }}-${{ github.run_attempt }}'],
    });
    const docs = fs.readFileSync(path.join(ROOT, 'docs', 'ci.md'), 'utf8');
    for (const name of Object.keys(ACTION.inputs)) expect(docs, `docs/ci.md names ${name}`).toContain(`\`${name}\``);
  });

  it('uses every input it declares, and declares every input it uses', () => {
    const used = new Set([...TEXT.matchAll(/\binputs\.([\w-]+)/g)].map((match) => match[1]!));
    expect([...used].sort()).toEqual(Object.keys(ACTION.inputs).sort());
    const steps = new Set(STEPS.flatMap((step) => (step.id ? [step.id] : [])));
    for (const [, id] of TEXT.matchAll(/\bsteps\.([\w-]+)\./g)) expect(steps, `steps.${id}`).toContain(id);
  });

  it('pastes no expression into a script: inputs reach the scripts through env', () => {
    for (const step of RUN_STEPS) expect(step.run, step.name).not.toContain('${{');
  });

  it('reads in its scripts only variables it sets, or the runner does', () => {
    const RUNNER = /^(GITHUB_[A-Z_]+|RUNNER_[A-Z_]+)$/;
    for (const step of RUN_STEPS) {
      const own = new Set([
        ...Object.keys(step.env ?? {}),
        ...[...step.run!.matchAll(/^\s*([A-Za-z_]\w*)=/gm)].map((match) => match[1]!),
      ]);
      const read = [...step.run!.matchAll(/\$\{?([A-Za-z_]\w*)/g)].map((match) => match[1]!);
      for (const name of read) expect(own.has(name) || RUNNER.test(name), `${step.name} reads $${name}`).toBe(true);
      // What it sets is read by the script, or (GITHUB_TOKEN) by the command it starts.
      for (const name of Object.keys(step.env ?? {}))
        expect(read.includes(name) || RUNNER.test(name), `${step.name} sets ${name}`).toBe(true);
    }
  });

  it('starts only the bin, with subcommands it has', () => {
    const words = RUN_STEPS.flatMap((step) =>
      [...step.run!.matchAll(/node "\$GITHUB_ACTION_PATH\/bin\/mutation-bench\.mjs" (\S+)/g)].map((m) => m[1]!),
    );
    expect(words).toEqual(['setup', '--config', 'comment']);
    expect(fs.readFileSync(BIN, 'utf8')).toMatch(/comment: 'comment\.ts'/);
  });

  it('measures before it comments, uploads, then fails: those three whatever happened before', () => {
    const [bench, comment, upload, last] = [
      stepRunning('--config'),
      stepRunning('mutation-bench.mjs" comment'),
      STEPS.findIndex((step) => step.uses?.startsWith('actions/upload-artifact@')),
      STEPS.length - 1,
    ];
    expect([bench, comment, upload, last]).toEqual([3, 4, 5, 6]);
    for (const index of [comment, upload, last]) expect(STEPS[index]!.if).toMatch(/^always\(\)/);
    expect(STEPS[comment]!.if).toContain("github.event_name == 'pull_request'");
    expect(STEPS[comment]!.if).toContain("inputs.comment == 'true'");
    expect(STEPS[upload]!.with).toMatchObject({ path: '${{ steps.bench.outputs.run-dir }}' });
    expect(STEPS[last]!.env).toEqual({ EXIT_CODE: '${{ steps.bench.outputs.exit-code }}' });
    expect(ACTION.outputs?.['exit-code']?.value).toBe('${{ steps.bench.outputs.exit-code }}');
  });
});

describe('README: what a team copies', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const block = (heading: string, language: string) => {
    const section = readme.slice(readme.indexOf(`\n## ${heading}\n`));
    return new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(section)![1]!;
  };

  it("the config example is the example app's own config, which --config loads", async () => {
    const file = path.join(ROOT, 'examples', 'guestbook', 'mutation-bench.config.ts');
    expect(block('Measure your own app', 'ts').trimEnd()).toBe(fs.readFileSync(file, 'utf8').trimEnd());
    await expect(loadAppConfig(file, ROOT)).resolves.toMatchObject({ spec: { scenarios: { sign: {} } } });
  });

  it('the workflow is valid, runs on pull requests, fetches the base and uses the action with a config', () => {
    const workflow = block('Guard it in CI', 'yaml');
    expect(validateWorkflow(workflow).errors).toEqual([]);
    expect(workflow).toMatch(/^on: pull_request$/m);
    expect(workflow).toContain('fetch-depth: 0');
    expect(workflow).toContain('pull-requests: write');
    expect(workflow).toMatch(/uses: \S+\/mutation-bench@v0[^\n]*\n\s+with: \{ config: mutation-bench\.config\.ts \}/);
    expect(
      workflow.split('\n').filter((line) => line.trim() && !line.trim().startsWith('#')).length,
    ).toBeLessThanOrEqual(16);
  });
});

describe('the YAML and expressions the tests read action.yml with (test/support/fake-github.ts)', () => {
  it('reads maps, lists of maps, quoted scalars and block scripts; refuses what it does not know', () => {
    expect(
      parseYaml('a: 1\n# note\nb:\n  - c: \'x y\' # a comment\n    d: |\n      one\n\n      two\n  - plain\ne: "q"\n'),
    ).toEqual({ a: '1', b: [{ c: 'x y', d: 'one\n\ntwo\n' }, 'plain'], e: 'q' });
    expect(() => parseYaml('a: [1, 2]\n')).toThrow(/not in the subset/);
    expect(() => parseYaml('a: 1\na: 2\n')).toThrow(/the key a twice/);
  });

  it('evaluates conditions as GitHub does', () => {
    const contexts: Contexts = {
      inputs: { comment: 'true' },
      github: { event_name: 'pull_request', event: { pull_request: { base: { sha: 'abc' } } } },
      steps: { bench: { outputs: { 'run-dir': '/tmp/x' } } },
      runner: {},
    };
    expect(evaluate("always() && inputs.comment == 'true' && steps.bench.outputs.run-dir != ''", contexts)).toBe(true);
    expect(evaluate("github.event_name == 'PUSH' || !(inputs.comment == 'TRUE')", contexts)).toBe(false);
    expect(evaluate('github.event.pull_request.base.sha', contexts)).toBe('abc');
    expect(evaluate('github.event.nothing.here', contexts)).toBe('');
    expect(() => evaluate("contains(github.ref, 'x')", contexts)).toThrow(/cannot read/);
  });
});

/** `node bin/mutation-bench.mjs …` from a folder outside this checkout, as a user's project would start it. */
function bin(args: string[], cwd = os.tmpdir()) {
  // A Chromium that exists, so the set-up a benchmark gets first finds one and installs nothing.
  const env = { ...process.env, GITHUB_STEP_SUMMARY: '', CHROMIUM_PATH: process.execPath };
  return spawnCommand(process.execPath, [BIN, ...args], { cwd, env });
}

describe('bin/mutation-bench.mjs', () => {
  it('hands a subcommand its own arguments', async () => {
    const compare = await bin(['compare', '--help']);
    expect(compare.code).toBe(0);
    expect(compare.stdout).toMatch(/^Usage: npm run compare -- <baseline run> <candidate run>/);
    const report = await bin(['report']);
    expect(report.code).toBe(2);
    expect(report.stderr).toContain('usage: npm run report -- [--recompute]');
  });

  it('hands anything else to the benchmark, every argument included', async () => {
    const help = await bin(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^mutation-bench \[options\] .*\n(.*\n)*\nUsage: npm run bench -- \[options\]/);
    const refused = await bin(['--profile', 'nope']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/nope/);
  });
});

// --- the action's steps, run as a runner would, around a fake benchmark ---------------------------------------------

const BAND = { pct: 5, ms: 2 };
const BASE_SHA = '0123456789abcdef0123456789abcdef01234567';

function rows(verdict: MetricComparison['verdict']): MetricComparison[] {
  return [
    {
      key: 'browser guestbook/action at RTT 0 ms',
      unit: 'ms',
      baseline: 20,
      candidate: verdict === 'regression' ? 30 : 20,
      ratio: verdict === 'regression' ? 1.5 : 1,
      ratioCi95: verdict === 'regression' ? [1.4, 1.6] : [0.98, 1.02],
      bandRatio: 1.1,
      p: verdict === 'regression' ? 0.0001 : 0.5,
      q: verdict === 'regression' ? 0.0001 : 0.5,
      n: [45, 45],
      verdict,
    },
  ];
}

const duet = (verdict: MetricComparison['verdict']): Results =>
  syntheticResults({
    against: { ref: BASE_SHA, commit: BASE_SHA, lockfileDiffers: false, band: BAND, comparison: rows(verdict) },
  });

/**
 * The action's folder with a benchmark that measures nothing: it records how it was started, writes $FAKE_RESULTS
 * as the run's results.json and exits $FAKE_EXIT. `setup` does nothing; `comment` is the real one.
 */
function fakeActionPath(dir: string): string {
  fs.mkdirSync(path.join(dir, 'bin'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'bin', 'mutation-bench.mjs'),
    `import fs from 'node:fs';
const args = process.argv.slice(2);
if (args[0] === 'setup') process.exit(0);
if (args[0] === 'comment') await import(${JSON.stringify(pathToFileURL(BIN).href)});
else {
  fs.appendFileSync(process.env.FAKE_ARGS_LOG, JSON.stringify({ cwd: process.cwd(), args }) + '\\n');
  const out = args[args.indexOf('--out') + 1];
  if (process.env.FAKE_RESULTS) fs.copyFileSync(process.env.FAKE_RESULTS, out + '/results.json');
  process.exit(Number(process.env.FAKE_EXIT));
}
`,
  );
  return dir;
}

describe("the action's steps in order, around a fake benchmark and a fake GitHub API", () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-bench-action-'));
  const workspace = path.join(scratch, 'workspace');
  const actionPath = fakeActionPath(path.join(scratch, 'action'));
  const argsLog = path.join(scratch, 'bench-args.jsonl');
  const PR = 7;
  const PR_EVENT = { pull_request: { number: PR, base: { sha: BASE_SHA } } };
  let github: FakeGitHub;
  let runs = 0;
  fs.mkdirSync(workspace);

  beforeAll(async () => {
    github = await startFakeGitHub({ comments: { [PR]: ['a review'] } });
  });
  afterAll(async () => {
    await github.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  /** One job: the action with `inputs` on `eventName`, the fake benchmark exiting `exit` after writing `results`. */
  async function job(options: {
    exit: number;
    results?: Results;
    eventName?: string;
    inputs?: Record<string, string>;
  }): Promise<ActionRun & { bench: { cwd: string; args: string[] } | undefined; uploaded: Record<string, string>[] }> {
    const temp = path.join(scratch, `runner-temp-${++runs}`);
    fs.mkdirSync(temp);
    const resultsFile = path.join(temp, 'fake-results.json');
    if (options.results) {
      writeResultsFile(temp, options.results);
      fs.renameSync(path.join(temp, 'results.json'), resultsFile);
    }
    const eventName = options.eventName ?? 'pull_request';
    const { env, github: context } = runnerEnvironment({
      workspace,
      actionPath,
      temp,
      eventName,
      event: eventName === 'pull_request' ? PR_EVENT : { ref: 'refs/heads/main' },
      apiUrl: github.url,
    });
    const before = fs.existsSync(argsLog) ? fs.readFileSync(argsLog, 'utf8').split('\n').length : 1;
    const uploaded: Record<string, string>[] = [];
    const run = await runAction(ACTION, {
      inputs: { config: 'mutation-bench.config.ts', ...options.inputs },
      github: context,
      env: {
        ...env,
        FAKE_EXIT: String(options.exit),
        FAKE_ARGS_LOG: argsLog,
        ...(options.results ? { FAKE_RESULTS: resultsFile } : {}),
      },
      skip: (step) => step.run?.startsWith('npm ci') ?? false,
      uses: (step, given) => {
        if (step.uses!.startsWith('actions/upload-artifact@')) uploaded.push(given);
        return 0;
      },
    });
    const lines = fs.existsSync(argsLog) ? fs.readFileSync(argsLog, 'utf8').split('\n') : [];
    const line = lines.length > before ? lines[before - 1] : undefined;
    return { ...run, bench: line ? JSON.parse(line) : undefined, uploaded };
  }

  const step = (run: ActionRun, name: string) => run.steps.find((candidate) => candidate.name === name)!;
  const ours = () => github.comments(PR).filter((comment) => comment.body.startsWith(COMMENT_MARKER));

  it('a regression: measured against the base from the workspace, commented, uploaded, then the job fails with 3', async () => {
    const run = await job({ exit: 3, results: duet('regression') });
    expect(run.steps.map((s) => [s.name, s.ran, s.code])).toEqual([
      ['Set up Node', true, 0],
      ['Install mutation-bench', false, null],
      ['Make sure a Chromium is there', true, 0],
      ['Measure against the base', true, 0],
      ['Comment on the pull request', true, 0],
      ['Upload the run folder', true, 0],
      ['Fail on a regression or a failed run', true, 3],
    ]);
    expect(run.failed).toBe(true);
    const runDir = step(run, 'Measure against the base').outputs['run-dir']!;
    expect(path.dirname(runDir)).toBe(path.join(scratch, `runner-temp-${runs}`));
    expect(run.bench).toEqual({
      cwd: workspace,
      args: ['--config', 'mutation-bench.config.ts', '--against', BASE_SHA, '--profile', 'ci', '--out', runDir],
    });
    expect(step(run, 'Measure against the base').outputs['exit-code']).toBe('3');
    expect(run.uploaded).toEqual([{ name: 'mutation-bench-bench-1', path: runDir, 'if-no-files-found': 'warn' }]);
    expect(fs.existsSync(path.join(runDir, 'results.json'))).toBe(true);
    expect(step(run, 'Fail on a regression or a failed run').stdout).toContain(
      '::error title=mutation-bench::a regression against the base',
    );
    expect(ours()).toHaveLength(1);
    expect(ours()[0]!.body).toContain('**1 regression** beyond the noise band');
    expect(ours()[0]!.body).toContain('| **regression** |');
    expect(ours()[0]!.body).toContain(
      'is the artifact `mutation-bench-bench-1` of [this workflow run](https://github.test/octo/app/actions/runs/4242)',
    );
  });

  it('the next push, fixed: the same comment updated, the job passes', async () => {
    const id = ours()[0]!.id;
    github.requests.length = 0;
    const run = await job({ exit: 0, results: duet('no change') });
    expect(run.failed).toBe(false);
    expect(step(run, 'Fail on a regression or a failed run').code).toBe(0);
    expect(github.requests.map((request) => request.method)).toEqual(['GET', 'PATCH']);
    expect(ours().map((comment) => comment.id)).toEqual([id]);
    expect(ours()[0]!.body).toContain('**No change** beyond the noise band');
    expect(github.comments(PR)[0]!.body).toBe('a review');
  });

  it('a refused config (exit 2, no results.json): the comment is a warning, the job fails with 2', async () => {
    const run = await job({ exit: 2 });
    const comment = step(run, 'Comment on the pull request');
    expect([comment.ran, comment.code]).toEqual([true, 0]);
    expect(comment.stderr).toMatch(/^mutation-bench comment: --run .* has no results\.json/);
    expect(comment.stdout).toContain('::warning title=mutation-bench::the pull request comment was not posted');
    expect(step(run, 'Fail on a regression or a failed run').code).toBe(2);
    expect(ours()[0]!.body).toContain('**No change**');
  });

  it('a push: no base, no --against, no comment; the run is still uploaded', async () => {
    github.requests.length = 0;
    const run = await job({ exit: 0, results: syntheticResults(), eventName: 'push' });
    expect(run.bench!.args).not.toContain('--against');
    expect(step(run, 'Comment on the pull request').ran).toBe(false);
    expect(run.uploaded).toHaveLength(1);
    expect(run.failed).toBe(false);
    expect(github.requests).toEqual([]);
  });

  it('comment: false leaves the pull request alone', async () => {
    github.requests.length = 0;
    const run = await job({ exit: 3, results: duet('regression'), inputs: { comment: 'false' } });
    expect(step(run, 'Comment on the pull request').ran).toBe(false);
    expect(step(run, 'Fail on a regression or a failed run').code).toBe(3);
    expect(github.requests).toEqual([]);
  });

  it('passes inputs as data: shell in a config path or a base runs nothing', async () => {
    const hostile = { config: '$(touch pwned-1).ts" ; touch pwned-2 #', base: "main'; touch pwned-3; '" };
    const run = await job({ exit: 0, results: duet('no change'), inputs: hostile });
    expect(run.bench!.args.slice(0, 4)).toEqual(['--config', hostile.config, '--against', hostile.base]);
    expect(fs.readdirSync(workspace).filter((name) => name.startsWith('pwned'))).toEqual([]);
  });
});
