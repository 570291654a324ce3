import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { AppConfig } from '../../contract/app-config';
import type { LoadedApp } from '../../core/config';
import { CURRENT_BUILD, type BuildLabel } from '../../core/plan';
import type { ServedFixture } from '../harness';
import type { BuildInfo } from '../http/target';

/** The page a user's app is ready on: its first scenario's baseline page (the fixture's index may not exist there). */
export function readyPageOf(spec: AppConfig): string {
  const [first] = Object.values(spec.scenarios);
  return first!.variants[first!.baseline]!.page;
}

/** A user's app already running at app.url, served as a build of the run: neither started nor stopped by it. */
export function runningApp(app: LoadedApp): ReadonlyMap<BuildLabel, ServedFixture> {
  const origin = new URL((app.spec.app as { url: string }).url).origin;
  const server = { origin, pid: null, stop: async () => undefined };
  return new Map([[CURRENT_BUILD, { label: CURRENT_BUILD, appDir: '', dbPath: '', server }]]);
}

const UNKNOWN = 'not known (an app already running)';

/** The Next and React a user's app was built with: its folder's, or not known for an app already running. */
export function appPackages(appDir: string | null): { next: string; react: string } {
  if (appDir === null) return { next: UNKNOWN, react: UNKNOWN };
  const resolve = createRequire(path.join(appDir, 'package.json')).resolve;
  const versionOf = (name: string) =>
    (JSON.parse(fs.readFileSync(resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;
  return { next: versionOf('next'), react: versionOf('react') };
}

/** What a user's app serves: the id of the build in its folder (its action ids belong to it), or not known. */
export function appBuildInfo(appDir: string | null): BuildInfo {
  return appDir === null
    ? { buildId: UNKNOWN, actionKeyFixed: false }
    : { buildId: fs.readFileSync(path.join(appDir, '.next', 'BUILD_ID'), 'utf8').trim(), actionKeyFixed: true };
}
