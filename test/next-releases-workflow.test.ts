import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { publishRun } from '../commands/publish';
import { checkReleases } from '../commands/releases';
import { restoreSite, saveSite, type SiteOptions } from '../commands/site';
import { RELEASES_PAGE } from '../reports/published';
import { releaseRows } from '../reports/releases';
import { resolveConfig } from '../runner/core/config';
import { readResults } from '../runner/contract/store';
import { ROOT } from './support/cli';
import { writeMatrixRun } from './support/matrix-run';
import { chartData, freshCheckout, git, projectRemote } from './support/site';
import {
  itIsAValidWorkflow,
  flagsAsOnGitHub,
  flagValue,
  jobText,
  npmRuns,
  PACKAGE_SCRIPTS,
  readWorkflow,
  workflowEnv,
} from './support/workflow';

const WORKFLOW = readWorkflow('next-releases.yml');
const RUNS = npmRuns(WORKFLOW);
const ENV = workflowEnv(WORKFLOW);
const BENCH = RUNS.filter((run) => run.script === 'bench');

/** A workflow step's command as the steps below name it: the script and its arguments after `--`. */
const stepOf = (run: (typeof RUNS)[number]) => `${run.script} ${run.args.slice(1).join(' ')}`.trim();

describe('.github/workflows/next-releases.yml', () => {
  itIsAValidWorkflow(WORKFLOW);

  it('runs daily off the hour, and by hand', () => {
    const [, minute, hour, ...rest] = /cron: '(\S+) (\S+) (\S+) (\S+) (\S+)'/.exec(WORKFLOW)!;
    expect(Number(minute)).toBeGreaterThan(0);
    expect(Number(hour)).toBeGreaterThanOrEqual(0);
    expect(rest).toEqual(['*', '*', '*']);
    expect(WORKFLOW).toMatch(/^ {2}workflow_dispatch:/m);
  });

  it('runs only scripts package.json has, passing arguments to the script', () => {
    const steps = RUNS.map(stepOf);
    expect(steps).toEqual([
      'site restore',
      'releases check',
      'setup',
      expect.stringMatching(/^bench --next lines /),
      'site restore',
      'report:publish $RUN_DIR',
      'site save',
    ]);
    for (const run of RUNS) expect(PACKAGE_SCRIPTS, `npm run ${run.script}`).toContain(run.script);
    for (const run of RUNS.filter((candidate) => candidate.args.length > 0)) expect(run.args[0]).toBe('--');
  });

  it('measures the newest patch of every line with the probes, within the step and job limits', () => {
    expect(BENCH).toHaveLength(1);
    const flags = flagsAsOnGitHub(BENCH[0]!.args.slice(1), ENV);
    for (const word of flags) expect(word, `an unexpanded variable in ${flags.join(' ')}`).not.toContain('$');
    const config = resolveConfig(flags, new Date('2026-12-02T05:17:00Z'), ROOT)!;
    expect(config.next).toEqual(['lines']);
    expect(config.suites).toEqual(['browser', 'http', 'probes']);
    // The latency claims' cells, and the page with links whose re-prefetching after a refresh differs by release.
    expect(config.scenarios).toEqual(['counter', 'revalidate', 'links']);
    expect(config.profile).toBe('ci');
    // Under reports/runs, which git ignores, and the folder the publish job publishes.
    expect(path.dirname(config.outDir)).toBe(path.join(ROOT, 'reports', 'runs'));
    expect(flagValue(BENCH[0]!.args, '--out')).toBe('$RUN_DIR');
    // The browser budget is a fixed total (not per version) and ends well before the step is stopped.
    const job = jobText(WORKFLOW, 'bench');
    const [stepMinutes, jobMinutes] = [...job.matchAll(/timeout-minutes: (\d+)/g)].map((m) => Number(m[1])).reverse();
    expect(config.budgetSeconds).toBe(Number(flagValue(BENCH[0]!.args, '--budget')));
    expect(config.budgetSeconds / 60).toBeLessThan(stepMinutes! / 2);
    expect(stepMinutes).toBeLessThan(jobMinutes!);
  });

  it('measures only when the check says so, and publishes what the bench job uploaded', () => {
    expect(jobText(WORKFLOW, 'bench')).toContain("if: ${{ needs.check.outputs.measure == 'true' || inputs.force }}");
    const uploaded = /upload-artifact@v4\n\s+with:\n\s+name: (.+)\n\s+path: (.+)/.exec(jobText(WORKFLOW, 'bench'))!;
    const downloaded = /download-artifact@v4\n\s+with:\n\s+name: (.+)\n\s+path: (.+)/.exec(
      jobText(WORKFLOW, 'publish'),
    )!;
    expect(downloaded.slice(1)).toEqual(uploaded.slice(1));
    expect(uploaded[2]).toBe('${{ env.RUN_DIR }}');
  });

  it('holds a write token in the publish job only, one publication at a time with bench.yml', () => {
    const publish = jobText(WORKFLOW, 'publish');
    expect(publish).toContain('contents: write');
    expect(publish).toMatch(/concurrency:\n\s+group: pages\n/);
    expect(readWorkflow('bench.yml')).toMatch(/concurrency:\n\s+group: pages\n/);
    for (const job of ['check', 'bench']) expect(jobText(WORKFLOW, job)).not.toMatch(/: write\b/);
    expect(WORKFLOW.slice(0, WORKFLOW.indexOf('\njobs:\n'))).toMatch(/permissions:\n\s+contents: read\n/);
  });
});

describe("the workflow's check and publish steps, in its order, on a local remote (as test/site.test.ts)", () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-bench-releases-test-'));
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
  const remote = projectRemote(scratch);
  const LINES = ['15.5.29', '16.0.10', '16.1.6', '16.2.3', '16.3.1', '16.4.5', '16.5.0'];
  let registry = ['15.4.7', ...LINES, '16.6.0-canary.1'];

  /** A job's runner: a fresh checkout, the run folder the bench job uploaded, and what each step wrote to its outputs. */
  interface Job {
    published: string;
    options: SiteOptions;
    runDir: string;
    outputs: Map<string, string>;
  }

  /** What each `npm run` of the check and publish jobs does, by its functions; the registry is the test's. */
  const COMMANDS: Record<string, (job: Job) => void> = {
    'site restore': ({ published, options }) => void restoreSite(published, options),
    'releases check': ({ published, outputs }) => {
      for (const line of checkReleases(published, () => registry)) {
        const [key, value] = line.split('=') as [string, string];
        outputs.set(key, value);
      }
    },
    'report:publish $RUN_DIR': ({ published, runDir }) => void publishRun(runDir, published),
    'site save': ({ published, options }) => void saveSite(published, 'Publish', options),
  };

  let jobs = 0;
  /** Runs one job's `npm run` steps in the workflow's order, on a fresh clone of the remote. */
  function runJob(name: 'check' | 'publish', prepare: (job: Job) => void = () => {}): Job {
    const checkout = path.join(scratch, `${name}-${++jobs}`);
    const runDir = path.join(checkout, flagsAsOnGitHub(['$RUN_DIR'], ENV)[0]!);
    const job = { ...freshCheckout(remote, checkout), runDir, outputs: new Map<string, string>() };
    prepare(job);
    for (const run of npmRuns(jobText(WORKFLOW, name))) {
      const command = COMMANDS[stepOf(run)];
      expect(command, `npm run ${stepOf(run)}`).toBeDefined();
      command!(job);
    }
    return job;
  }

  /** The bench job's upload, downloaded where the publish job reads it: a matrix run measuring `versions`. */
  const measured = (day: number, versions: readonly string[]) => (job: Job) =>
    void writeMatrixRun(job.runDir, {
      runId: `2026-12-0${day}T05-17-00Z-s${day}`,
      startedAt: `2026-12-0${day}T05:17:00.000Z`,
      versions,
      slowerMs: () => 0,
    });

  it('prints every output the workflow reads from the check', () => {
    const read = new Set([...WORKFLOW.matchAll(/(?:steps|needs)\.check\.outputs\.([\w-]+)/g)].map((m) => m[1]!));
    const { outputs } = runJob('check');
    expect([...read].sort()).toEqual([...outputs.keys()].sort());
    expect(Object.fromEntries(outputs)).toEqual({ measure: 'true', version: '16.5.0', unmeasured: LINES.join(',') });
  });

  it('publishes a matrix run into the release history, and the next check finds nothing new', () => {
    const { published } = runJob('publish', measured(1, LINES));
    expect(releaseRows([readResults(path.join(published, '2026-12-01T05-17-00Z-s1'))]).map((r) => r.version)).toEqual(
      LINES,
    );
    expect(fs.existsSync(path.join(published, RELEASES_PAGE))).toBe(true);
    expect(runJob('check').outputs.get('measure')).toBe('false');
  });

  it('notices a new release, and the next run adds its row to the history restored from the site', () => {
    registry = [...registry, '16.5.1'];
    expect(Object.fromEntries(runJob('check').outputs)).toMatchObject({
      measure: 'true',
      version: '16.5.1',
      unmeasured: '16.5.1',
    });
    const { published } = runJob('publish', measured(2, [...LINES.slice(0, -1), '16.5.1']));
    const { groups } = chartData<{ groups: { labels: string[] }[] }>(
      fs.readFileSync(path.join(published, RELEASES_PAGE), 'utf8'),
    );
    // 16.5.0 from the first run, restored from the site; every other release as the newer run measured it.
    expect(groups.map((group) => group.labels)).toEqual([[...LINES, '16.5.1'].map((version) => `next ${version}`)]);
    const html = fs.readFileSync(path.join(published, RELEASES_PAGE), 'utf8');
    const runOfRow = [...html.matchAll(/<small>([^,<]+), profile/g)].map((match) => match[1]);
    expect(runOfRow).toEqual([
      ...Array(6).fill('2026-12-02T05-17-00Z-s2'),
      '2026-12-01T05-17-00Z-s1',
      '2026-12-02T05-17-00Z-s2',
    ]);
    expect(runJob('check').outputs.get('measure')).toBe('false');
    const log = git(scratch, '--git-dir', remote, 'log', '--format=%s', 'gh-pages').trim().split('\n');
    expect(log).toEqual(['Publish', 'Publish']);
  });
});
