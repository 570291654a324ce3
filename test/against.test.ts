import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkoutBaseline } from '../runner/measure/fixture/against';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-bench-against-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A git repository in the scratch folder holding `files`, committed; returns its folder and the commit. */
function repository(name: string, files: Record<string, string>): { dir: string; commit: string } {
  const dir = path.join(scratch, name);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { encoding: 'utf8' });
  git('init', '-q');
  fs.writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\n');
  git('add', '.');
  git('commit', '-qm', 'base');
  return { dir, commit: git('rev-parse', 'HEAD').trim() };
}

describe("a duet's baseline of a user's app (checkoutBaseline)", () => {
  it('unpacks an app at the root of its repository beside it, with its node_modules hard-linked in', () => {
    const { dir, commit } = repository('root-app', {
      'app/page.tsx': 'export default () => "base";\n',
      'package-lock.json': '{}\n',
      'node_modules/some-package/index.js': 'module.exports = 1;\n',
    });
    fs.writeFileSync(path.join(dir, 'app/page.tsx'), 'export default () => "this pull request";\n');
    const baseline = checkoutBaseline('HEAD', dir);
    expect(baseline).toMatchObject({ commit, lockfileDiffers: false });
    expect(baseline.appDir).toBe(path.join(scratch, `.against-${commit.slice(0, 12)}-root-app`));
    expect(fs.readFileSync(path.join(baseline.appDir, 'app/page.tsx'), 'utf8')).toContain('"base"');
    const installed = path.join('node_modules/some-package/index.js');
    expect(fs.statSync(path.join(baseline.appDir, installed)).ino).toBe(fs.statSync(path.join(dir, installed)).ino);
  });

  it('unpacks an app in a subfolder beside it, its packages resolved from above as before (no node_modules copied)', () => {
    const { dir, commit } = repository('monorepo', {
      'package-lock.json': '{}\n',
      'node_modules/some-package/index.js': 'module.exports = 1;\n',
      'apps/shop/app/page.tsx': 'export default () => "shop";\n',
    });
    const baseline = checkoutBaseline(commit, path.join(dir, 'apps', 'shop'));
    expect(baseline.appDir).toBe(path.join(dir, 'apps', `.against-${commit.slice(0, 12)}-shop`));
    expect(fs.existsSync(path.join(baseline.appDir, 'app/page.tsx'))).toBe(true);
    expect(fs.existsSync(path.join(baseline.appDir, 'node_modules'))).toBe(false);
  });

  it('refuses a ref the repository does not have, naming the fix', () => {
    const { dir } = repository('no-ref', { 'app/page.tsx': '', 'package-lock.json': '{}\n' });
    expect(() => checkoutBaseline('no-such-branch', dir)).toThrow(
      /--against no-such-branch: no such commit .*fetch-depth: 0/,
    );
  });
});
