import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { z } from 'zod';
import { AppConfigSchema } from '../contract/app-config';
import type { LoadedApp } from './config';
import { UserError } from './errors';

type Issue = z.core.$ZodIssue;

/** Where an issue is, as the config file spells it: scenarios.sign.variants.route.page. */
const where = (at: readonly PropertyKey[]) => at.map(String).join('.') || '(the whole file)';

/**
 * The one issue to name: a union's (the app, reset, an element, a step) is the branch the value came closest to,
 * the one whose own problems are deepest inside it, else the union's own words.
 */
function mostSpecific(issue: Issue): Issue {
  // A record's key (a scenario id, a variant name): its own words.
  if (issue.code === 'invalid_key' && issue.issues.length) return { ...issue, message: issue.issues[0]!.message };
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  const inside = issue.errors.filter(
    (branch) =>
      branch.length > 0 && branch.every((problem) => problem.path.length > 0 && problem.code !== 'unrecognized_keys'),
  );
  if (inside.length !== 1) return issue;
  const first = inside[0]![0]!;
  return mostSpecific({ ...first, path: [...issue.path, ...first.path] } as Issue);
}

/** One line for the first mistake in a config, naming the field and what it takes. */
export function describeConfigIssue(issue: Issue): string {
  const named = mostSpecific(issue);
  if (named.code === 'unrecognized_keys')
    return `${where(named.path)} has ${named.keys.map((key) => `"${key}"`).join(', ')}, which mutation-bench.config.ts does not know: remove ${named.keys.length > 1 ? 'them' : 'it'} or check the spelling`;
  return `${where(named.path)}: ${named.message}`;
}

const isWrappedDefault = (value: unknown): value is { default: unknown } =>
  typeof value === 'object' && value !== null && '__esModule' in value && 'default' in value;

/**
 * Loads a mutation-bench.config.ts (or .js / .mjs) and checks it: a missing file, one that does not load, one
 * without a default export or with a mistake is refused in one line naming the file, the field and the fix.
 */
export async function loadAppConfig(file: string, cwd: string): Promise<LoadedApp> {
  const configFile = path.resolve(cwd, file);
  const shown = path.relative(cwd, configFile) || configFile;
  if (!fs.existsSync(configFile) || !fs.statSync(configFile).isFile())
    throw new UserError(
      `--config ${file}: no such file; pass the path of your mutation-bench.config.ts (docs/own-app.md has every field)`,
    );
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(configFile).href)) as { default?: unknown };
  } catch (error) {
    throw new UserError(`${shown} could not be loaded: ${(error as Error).message.split('\n')[0]}`);
  }
  // A config in a CommonJS package (no "type": "module") is compiled to CommonJS: its default export comes wrapped.
  const exported = isWrappedDefault(module.default) ? module.default.default : module.default;
  if (exported === undefined)
    throw new UserError(`${shown} has no default export: end it with \`export default config;\``);
  const parsed = AppConfigSchema.safeParse(exported);
  if (!parsed.success) throw new UserError(`${shown}: ${describeConfigIssue(parsed.error.issues[0]!)}`);
  const spec = parsed.data;
  if (!('dir' in spec.app)) return { configFile: shown, dir: null, spec };
  const dir = path.resolve(path.dirname(configFile), spec.app.dir);
  if (!fs.existsSync(path.join(dir, 'app')) && !fs.existsSync(path.join(dir, 'src', 'app')))
    throw new UserError(
      `${shown}: app.dir ${spec.app.dir} is ${fs.existsSync(dir) ? 'not' : 'no folder, let alone'} a Next.js App Router app (no app/ or src/app/ in ${dir}): give the folder holding your app's next.config and app/ (relative to the config file)`,
    );
  return { configFile: shown, dir, spec };
}
