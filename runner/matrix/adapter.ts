import fs from 'node:fs';
import path from 'node:path';
import { fixtureSources } from '../app-server';

/**
 * The one place where the fixture differs between Next versions. The fixture is written for the project's Next
 * (16): its request interceptor is `proxy.ts` exporting `proxy`. Before 16 the same file was `middleware.ts`
 * exporting `middleware` (Next 16 renamed it and still reads the old name, deprecated). Everything else in the
 * fixture is the same source for every version.
 */
export function adaptToNextMajor(files: ReadonlyMap<string, string>, major: number): Map<string, string> {
  const adapted = new Map(files);
  if (major >= 16) return adapted;
  const proxy = adapted.get('proxy.ts');
  if (proxy === undefined) return adapted;
  const renamed = proxy.replace(/export function proxy\(/, 'export function middleware(');
  // A fixture edit that renames the function must fail here, not silently ship a proxy Next 15 never runs.
  if (renamed === proxy)
    throw new Error(
      'runner/matrix/adapter.ts: bench-app/proxy.ts no longer has `export function proxy(`: update the adapter',
    );
  adapted.delete('proxy.ts');
  adapted.set(
    'middleware.ts',
    `// Written by runner/matrix/adapter.ts from proxy.ts: Next ${major} calls it middleware.\n${renamed}`,
  );
  return adapted;
}

/**
 * Writes the fixture at `sourceDir` into `appDir`, adapted to a Next major version: files no longer in the fixture
 * are removed, outputs (.next, the database) are kept, and a file whose content is unchanged is not rewritten.
 */
export function syncFixture(sourceDir: string, appDir: string, major: number): void {
  const files = new Map(
    fixtureSources(sourceDir).map((file) => [path.relative(sourceDir, file), fs.readFileSync(file, 'utf8')]),
  );
  const adapted = adaptToNextMajor(files, major);
  fs.mkdirSync(path.join(appDir, 'data'), { recursive: true });
  for (const stale of fixtureSources(appDir).map((file) => path.relative(appDir, file))) {
    if (!adapted.has(stale)) fs.rmSync(path.join(appDir, stale));
  }
  for (const [relative, content] of adapted) {
    const target = path.join(appDir, relative);
    if (fs.existsSync(target) && fs.readFileSync(target, 'utf8') === content) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
}
