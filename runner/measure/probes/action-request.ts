import fs from 'node:fs';
import path from 'node:path';
import { APP_DIR } from '../fixture/app-server';

interface ManifestEntry {
  filename: string;
  exportedName: string;
  workers: Record<string, unknown>;
}

/**
 * A manifest entry's source file, relative to the fixture: webpack (Next 15) names it from the fixture's folder,
 * Turbopack (Next 16) from its root, the folder above.
 */
function sourceFile(appDir: string, filename: string): string {
  const candidates = [path.resolve(appDir, filename), path.resolve(appDir, '..', filename)];
  return path.relative(appDir, candidates.find((candidate) => fs.existsSync(candidate)) ?? candidates[1]!);
}

/** The build's action ids: `.next/server/server-reference-manifest.json` maps each id to its file and export. */
export function actionIds(
  appDir = APP_DIR,
  distDir = '.next',
): { id: string; file: string; exportedName: string; pages: string[] }[] {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(appDir, distDir, 'server', 'server-reference-manifest.json'), 'utf8'),
  ) as { node: Record<string, ManifestEntry> };
  return Object.entries(manifest.node).map(([id, entry]) => ({
    id,
    file: sourceFile(appDir, entry.filename),
    exportedName: entry.exportedName,
    pages: Object.keys(entry.workers),
  }));
}

/** The id of `exportedName` in `file` (relative to bench-app), or a clear error. */
export function actionId(file: string, exportedName: string, appDir = APP_DIR): string {
  const found = actionIds(appDir).find((entry) => entry.file === file && entry.exportedName === exportedName);
  if (!found) throw new Error(`the build has no action ${exportedName} in ${file}: rebuild the fixture`);
  return found.id;
}

/**
 * What the browser sends to call an action with plain arguments: React's encodeReply of strings and numbers is their
 * JSON array, posted to the page that renders the action.
 */
export function actionRequest(
  id: string,
  args: readonly (string | number)[],
): { headers: Record<string, string>; body: string } {
  return {
    headers: { 'next-action': id, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component' },
    body: JSON.stringify(args),
  };
}

/** Calls an action as a plain HTTP client would (actionRequest). */
export function callAction(
  origin: string,
  pagePath: string,
  id: string,
  args: readonly (string | number)[],
  headers: Record<string, string> = {},
): Promise<Response> {
  const request = actionRequest(id, args);
  return fetch(`${origin}${pagePath}`, {
    method: 'POST',
    headers: { ...request.headers, ...headers },
    body: request.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(10_000),
  });
}
