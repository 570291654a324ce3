import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { SiteOptions } from '../../commands/site';

/** git with an identity of its own, so that commits work on a machine without one. */
export const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@t',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@t',
    },
  });

/** The project's remote, a bare repository in `scratch` whose main has one commit (the site's branch comes with the first save). */
export function projectRemote(scratch: string): string {
  const remote = path.join(scratch, 'remote.git');
  const seed = path.join(scratch, 'seed');
  fs.mkdirSync(seed);
  git(scratch, 'init', '--quiet', '--bare', '--initial-branch', 'main', remote);
  git(seed, 'init', '--quiet', '--initial-branch', 'main');
  fs.writeFileSync(path.join(seed, 'README.md'), 'project\n');
  git(seed, 'add', '.');
  git(seed, 'commit', '--quiet', '-m', 'project');
  git(seed, 'push', '--quiet', remote, 'main');
  return remote;
}

/** A fresh clone of the remote, as CI checks it out: its empty published folder and the site's options for it. */
export function freshCheckout(remote: string, checkout: string): { published: string; options: SiteOptions } {
  git(path.dirname(checkout), 'clone', '--quiet', remote, checkout);
  const published = path.join(checkout, 'reports', 'published');
  fs.mkdirSync(published, { recursive: true });
  return { published, options: { repo: checkout, remote: 'origin', branch: 'gh-pages' } };
}

/** A published page's chart data (the JSON its charts are drawn from). */
export const chartData = <T>(html: string): T =>
  JSON.parse(/<script type="application\/json" id="chart-data">(.*?)<\/script>/s.exec(html)![1]!) as T;
