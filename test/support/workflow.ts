import fs from 'node:fs';
import path from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { expect, it } from 'vitest';
import { ROOT } from './cli';

/** A workflow of .github/workflows, as text. */
export const readWorkflow = (name: string): string =>
  fs.readFileSync(path.join(ROOT, '.github', 'workflows', name), 'utf8');

/** The scripts package.json has. */
export const PACKAGE_SCRIPTS = Object.keys(
  (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts,
);

/** One `npm run` a workflow makes: the script and the shell words after it. */
export interface NpmRun {
  script: string;
  args: string[];
}

/** Shell words, unquoted: enough for the workflows' own commands (no quote mixed into a word). */
function shellWords(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map(([, double, single, bare]) => double ?? single ?? bare!);
}

/**
 * Every `npm run` in a workflow, read from its text: the commands are shell inside YAML strings, which a YAML
 * parser would hand back unparsed anyway. Comment lines are skipped, continuation lines joined, and a command
 * ends at the shell's next operator.
 */
export function npmRuns(workflow: string): NpmRun[] {
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

export function flagValue(args: readonly string[], flag: string): string | undefined {
  const at = args.indexOf(flag);
  return at < 0 ? undefined : args[at + 1];
}

/** A workflow's `env:` entries, for the shell variables its commands read. */
export const workflowEnv = (workflow: string): Map<string, string> =>
  new Map(
    [...workflow.matchAll(/^\s+([A-Z][A-Z0-9_]*): (.+)$/gm)].map(([, name, value]): [string, string] => [
      name!,
      value!.trim(),
    ]),
  );

/**
 * A command's flags as the runner would get them on GitHub: variables expanded from the workflow's env, `${{ ... }}`
 * given a plausible value, and the value of a flag in `standIns` (what only a GitHub runner has) replaced.
 */
export function flagsAsOnGitHub(
  args: readonly string[],
  env: ReadonlyMap<string, string>,
  standIns: ReadonlyMap<string, string> = new Map(),
): string[] {
  return args.map((word, index) => {
    const standIn = standIns.get(args[index - 1] ?? '');
    if (standIn !== undefined && !word.startsWith('--')) return standIn;
    return word
      .replace(/\$\{?([A-Z][A-Z0-9_]*)\}?/g, (whole, name: string) => env.get(name) ?? whole)
      .replace(/\$\{\{[^}]*\}\}/g, '1');
  });
}

/** One job of a workflow, as text: from its key to the next job's (jobs are the last top-level key). */
export function jobText(workflow: string, job: string): string {
  const start = workflow.indexOf(`\n  ${job}:\n`);
  if (start < 0) throw new Error(`no job ${job}`);
  const next = workflow.slice(start + 1).search(/\n {2}[\w-]+:\n/);
  return next < 0 ? workflow.slice(start) : workflow.slice(start, start + 1 + next);
}

/** Ways to break a workflow that the schema must reject: a job with no runner, and triggers that are no triggers. */
const BREAKAGES: [string, (workflow: string) => string][] = [
  ['a job with no runs-on', (workflow) => workflow.replace(/^ {4}runs-on: .*\n/m, '')],
  ['on: 42', (workflow) => workflow.replace(/^on:\n(?:[ \t].*\n|\n)*/m, 'on: 42\n')],
];

/** The two schema tests every workflow gets: valid by the GitHub workflow schema, and rejected when broken each way. */
export function itIsAValidWorkflow(workflow: string): void {
  it('is a valid workflow by the GitHub workflow schema', () => {
    expect(validateWorkflow(workflow).errors).toEqual([]);
  });

  it.each(BREAKAGES)('is rejected when broken: %s', (_name, breakIt) => {
    const broken = breakIt(workflow);
    expect(broken).not.toBe(workflow);
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
  });
}
