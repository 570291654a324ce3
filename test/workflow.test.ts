import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../runner/core/config';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORKFLOW = fs.readFileSync(path.join(ROOT, '.github', 'workflows', 'bench.yml'), 'utf8');
const SCRIPTS = Object.keys(
  (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts,
);

/** One `npm run` the workflow makes: the script and the shell words after it. */
interface NpmRun {
  script: string;
  args: string[];
}

/** Shell words, unquoted: enough for the workflow's own commands (no quote mixed into a word). */
function shellWords(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map(([, double, single, bare]) => double ?? single ?? bare!);
}

/**
 * Every `npm run` in the workflow, read from its text: the commands are shell inside YAML strings, which a YAML
 * parser would hand back unparsed anyway. Comment lines are skipped, continuation lines joined, and a command
 * ends at the shell's next operator.
 */
function npmRuns(workflow: string): NpmRun[] {
  return workflow
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .flatMap((line) =>
      [...line.matchAll(/\bnpm run ([\w:.-]+)([^;&|)]*)/g)].map(([, script, rest]) => ({
        script: script!,
        args: shellWords(rest!),
      })),
    );
}

const RUNS = npmRuns(WORKFLOW);
const BENCH = RUNS.filter((run) => run.script === 'bench');

function flagValue(args: readonly string[], flag: string): string | undefined {
  const at = args.indexOf(flag);
  return at < 0 ? undefined : args[at + 1];
}

/** The workflow's `env:` entries, for the shell variables its commands read. */
const ENV = new Map(
  [...WORKFLOW.matchAll(/^\s+([A-Z][A-Z0-9_]*): (.+)$/gm)].map(([, name, value]): [string, string] => [
    name!,
    value!.trim(),
  ]),
);

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

/** A bench command's flags as the runner would get them on GitHub: variables expanded, `${{ ... }}` given a plausible value. */
function flagsAsOnGitHub(args: readonly string[]): string[] {
  return args.map((word, index) => {
    const standIn = ON_GITHUB_ONLY.get(args[index - 1] ?? '');
    if (standIn !== undefined && !word.startsWith('--')) return standIn;
    return word
      .replace(/\$\{?([A-Z][A-Z0-9_]*)\}?/g, (whole, name: string) => ENV.get(name) ?? whole)
      .replace(/\$\{\{[^}]*\}\}/g, '1');
  });
}

describe('.github/workflows/bench.yml', () => {
  it('is a valid workflow by the GitHub workflow schema', () => {
    expect(validateWorkflow(WORKFLOW).errors).toEqual([]);
  });

  it.each<[string, (workflow: string) => string]>([
    ['a job with no runs-on', (workflow: string) => workflow.replace(/^ {4}runs-on: .*\n/m, '')],
    ['on: 42', (workflow: string) => workflow.replace(/^on:\n(?:[ \t].*\n|\n)*/m, 'on: 42\n')],
  ])('is rejected when broken: %s', (_name, breakIt) => {
    const broken = breakIt(WORKFLOW);
    expect(broken).not.toBe(WORKFLOW);
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
  });

  it('runs only scripts package.json has', () => {
    const scripts = RUNS.map((run) => run.script);
    // The text scan found the commands at all.
    expect(scripts).toEqual(expect.arrayContaining(['setup', 'bench', 'report:publish']));
    for (const script of scripts) expect(SCRIPTS, `npm run ${script}`).toContain(script);
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
      const flags = flagsAsOnGitHub(run.args.slice(1));
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
