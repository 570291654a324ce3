import semver from 'semver';
import { UserError } from './errors';

/** `--next lines` starts here: the oldest release line the fixture's adapter builds (runner/measure/fixture/matrix-adapter.ts). */
export const FIRST_TRACKED_LINE = '15.5';

const RELEASE_LINE = /^\d+\.\d+$/;

/** What `--next` takes: an exact version (16.4.5), a release line (16.2) or `lines`. */
export const isNextSpec = (spec: string): boolean =>
  spec === 'lines' || RELEASE_LINE.test(spec) || semver.valid(spec) === spec;

const lineOf = (version: string) => `${semver.major(version)}.${semver.minor(version)}`;

/**
 * The exact versions a `--next` list means, given every version the registry publishes: a release line is its newest
 * stable patch, `lines` the newest stable patch of every line from FIRST_TRACKED_LINE on (oldest first); an exact
 * version stays as given (installing it checks that it exists). Order as given, each version once.
 */
export function resolveNextSpecs(specs: readonly string[], published: readonly string[]): string[] {
  const stable = published.filter((version) => semver.valid(version) === version && !semver.prerelease(version));
  const newestOfLine = (line: string): string | null =>
    semver.maxSatisfying(
      stable.filter((version) => lineOf(version) === line),
      '*',
    );
  const resolved = specs.flatMap((spec) => {
    if (spec === 'lines') {
      const lines = [...new Set(stable.map(lineOf))]
        .filter((line) => semver.gte(`${line}.0`, `${FIRST_TRACKED_LINE}.0`))
        .sort((a, b) => semver.compare(`${a}.0`, `${b}.0`));
      return lines.map((line) => newestOfLine(line)!);
    }
    if (!RELEASE_LINE.test(spec)) return [spec];
    const newest = newestOfLine(spec);
    if (newest === null)
      throw new UserError(
        `--next ${spec}: the npm registry has no stable release of that line (npm view next versions)`,
      );
    return [newest];
  });
  return [...new Set(resolved)];
}
