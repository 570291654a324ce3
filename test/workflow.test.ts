import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../runner/core/config';
import { ROOT } from './support/cli';
import {
  itIsAValidWorkflow,
  flagsAsOnGitHub,
  flagValue,
  npmRuns,
  PACKAGE_SCRIPTS,
  readWorkflow,
  workflowEnv,
  type NpmRun,
} from './support/workflow';

const WORKFLOW = readWorkflow('bench.yml');
const RUNS = npmRuns(WORKFLOW);
const BENCH = RUNS.filter((run) => run.script === 'bench');
const ENV = workflowEnv(WORKFLOW);

const PUBLISHED = path.join(ROOT, 'reports', 'published');
const publishedResults = fs
  .readdirSync(PUBLISHED)
  .map((name) => path.join(PUBLISHED, name, 'results.json'))
  .find((file) => fs.existsSync(file));
if (!publishedResults) throw new Error(`no published run in ${PUBLISHED} to stand in for the cached baseline`);

/** Values only a GitHub runner has (the base branch on the remote, the baseline restored from the cache), and what stands in for them here. */
const ON_GITHUB_ONLY = new Map([
  ['--against', 'HEAD'],
  ['--baseline', publishedResults],
]);

describe('.github/workflows/bench.yml', () => {
  itIsAValidWorkflow(WORKFLOW);

  it('runs only scripts package.json has', () => {
    const scripts = RUNS.map((run) => run.script);
    // The text scan found the commands at all.
    expect(scripts).toEqual(expect.arrayContaining(['setup', 'bench', 'report:publish']));
    for (const script of scripts) expect(PACKAGE_SCRIPTS, `npm run ${script}`).toContain(script);
  });

  it('passes arguments to the script, not to npm', () => {
    for (const run of RUNS.filter((candidate) => candidate.args.length > 0))
      expect(run.args[0], `npm run ${run.script} ${run.args.join(' ')}`).toBe('--');
  });

  it('measures a pull request against its base and main against a baseline with the CI profile, and the standard profile nightly', () => {
    expect(BENCH.some((run) => run.args.includes('--against'))).toBe(true);
    expect(BENCH.some((run) => run.args.includes('--baseline'))).toBe(true);
    const profiles = BENCH.map((run) => flagValue(run.args, '--profile'));
    expect(profiles.filter((profile) => profile === 'standard')).toHaveLength(1);
    expect(new Set(profiles.filter((profile) => profile !== 'standard'))).toEqual(new Set(['ci']));
    // The standard run is never compared with the ci baseline (runs that sample differently are refused).
    const standard = BENCH.find((run) => flagValue(run.args, '--profile') === 'standard')!;
    expect(standard.args).not.toContain('--baseline');
    expect(WORKFLOW).toMatch(
      /if \[ "\$EVENT" = schedule \]; then\n(?:\s+#.*\n)*\s+npm run bench -- --profile standard/,
    );
  });

  it('publishes the way test/site.test.ts does: every earlier run restored, this run published, the site saved', () => {
    const steps = RUNS.map((run) => `${run.script} ${run.args.slice(1).join(' ')}`.trim());
    const at = (step: string) => steps.indexOf(step);
    expect(at('site restore')).toBeGreaterThan(-1);
    expect(at('site restore')).toBeLessThan(at('report:publish $RUN_DIR'));
    expect(at('report:publish $RUN_DIR')).toBeLessThan(at('site save'));
    // The job that pushes the site is not the one that runs a pull request's code.
    const publishJob = WORKFLOW.slice(WORKFLOW.indexOf('\n  publish:\n'));
    expect(publishJob).toContain('contents: write');
    expect(publishJob).toContain('npm run site -- save');
    expect(WORKFLOW.slice(0, WORKFLOW.indexOf('\n  publish:\n'))).not.toContain('contents: write');
  });

  it.each(BENCH.map((run): [string, NpmRun] => [run.args.join(' '), run]))(
    'npm run bench %s: the runner accepts the flags',
    (_line, run) => {
      const flags = flagsAsOnGitHub(run.args.slice(1), ENV, ON_GITHUB_ONLY);
      for (const word of flags) expect(word, `an unexpanded variable in ${flags.join(' ')}`).not.toContain('$');
      const config = resolveConfig(flags, new Date('2026-12-02T03:37:00Z'), ROOT);
      expect(config).not.toBeNull();
      // Under reports/runs, which git ignores: a folder git sees would mark the measured checkout `+dirty`.
      expect(path.dirname(config!.outDir)).toBe(path.join(ROOT, 'reports', 'runs'));
      expect(fs.readFileSync(path.join(ROOT, '.gitignore'), 'utf8').split('\n')).toContain('reports/runs/');
    },
  );

  it('publishes the folder the run was written to', () => {
    const outs = new Set(BENCH.map((run) => flagValue(run.args, '--out')));
    expect(outs.size).toBe(1);
    expect([...outs][0]).toBeDefined();
    const publishes = RUNS.filter((run) => run.script === 'report:publish');
    expect(publishes.length).toBeGreaterThan(0);
    for (const run of publishes) expect(run.args).toEqual(['--', ...outs]);
  });
});
