import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { installedVersion } from '../core/packages';
import type { Results } from '../contract/results';

function gitSha(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return dirty ? `${sha}+dirty` : sha;
  } catch {
    return 'unknown';
  }
}

/** Variables that change what the runner, Node, Chromium or Next do. */
const RELEVANT =
  /^(CI|CHROMIUM_PATH|NODE_OPTIONS|UV_THREADPOOL_SIZE|NODE_ENV|NEXT_.+|BENCH_.+|MUTATION_BENCH_.+|GITHUB_(SHA|REF|RUN_ID|WORKFLOW))$/;
const SECRET_LOOKING = /SECRET|TOKEN|PASSWORD|PASSWD|KEY|CREDENTIAL|AUTH|COOKIE|SESSION|PRIVATE/i;

/** The relevant variables as recorded: a secret-looking name is kept (that it was set matters), its value never. */
export function recordedVariables(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env)
      .filter((entry): entry is [string, string] => RELEVANT.test(entry[0]) && entry[1] !== undefined)
      .map(([name, value]): [string, string] => [name, SECRET_LOOKING.test(name) ? '(set; value not recorded)' : value])
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** The conditions every number was measured under. */
export function describeEnvironment(chromium: string, argv: string[], seed: number): Results['environment'] {
  return {
    node: process.version,
    next: installedVersion('next'),
    react: installedVersion('react'),
    chromium,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    gitSha: gitSha(),
    argv,
    seed,
    variables: recordedVariables(process.env),
  };
}
