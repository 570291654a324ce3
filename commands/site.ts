import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { UserError } from '../runner/core/errors';
import { PUBLISHED_DIR } from './publish';

/**
 * The published site lives on a branch of its own (gh-pages by default), so that every run CI publishes from a
 * fresh checkout joins the runs published before it: `restore` brings the branch's run folders into the published
 * folder before `npm run report:publish` rewrites the index from all of them; `save` makes the folder the branch's
 * next commit and pushes it. Both work inside a git checkout whose remote holds the branch (CI's, with its token).
 */
export interface SiteOptions {
  /** The checkout whose remote holds the site's branch. */
  repo: string;
  remote: string;
  branch: string;
}

export const DEFAULT_SITE: SiteOptions = { repo: process.cwd(), remote: 'origin', branch: 'gh-pages' };

const git = (repo: string, args: readonly string[]) =>
  execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** A run folder: one with its results.json. */
const runFolders = (dir: string) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, 'results.json')))
        .map((entry) => entry.name)
    : [];

/** The site branch's newest commit, fetched; null before the first save. */
function fetchSite({ repo, remote, branch }: SiteOptions): string | null {
  try {
    git(repo, ['fetch', '--quiet', '--depth', '1', remote, `+refs/heads/${branch}:refs/remotes/${remote}/${branch}`]);
  } catch (error) {
    if (/couldn't find remote ref|not found/i.test(String((error as { stderr?: string }).stderr))) return null;
    throw error;
  }
  return git(repo, ['rev-parse', `refs/remotes/${remote}/${branch}`]).trim();
}

/** Checks out `commit` (or nothing: a new orphan history) into a temporary worktree, hands it over, removes it. */
function withWorktree<T>(repo: string, commit: string | null, use: (tree: string) => T): T {
  const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-bench-site-'));
  git(repo, ['worktree', 'add', '--quiet', '--detach', tree, ...(commit ? [commit] : [])]);
  try {
    if (!commit) git(tree, ['checkout', '--quiet', '--orphan', `site-${path.basename(tree)}`]);
    return use(tree);
  } finally {
    git(repo, ['worktree', 'remove', '--force', tree]);
    // The orphan's local name is ours alone; it exists only once something was committed on it.
    const orphan = `refs/heads/site-${path.basename(tree)}`;
    if (!commit && git(repo, ['for-each-ref', orphan]).trim()) git(repo, ['update-ref', '-d', orphan]);
  }
}

/**
 * Copies every run folder the site's branch has into `publishedDir`, leaving the runs already there as they are
 * (this checkout's copy wins). Returns the run ids it brought in; none before the first save.
 */
export function restoreSite(publishedDir: string, options: SiteOptions = DEFAULT_SITE): string[] {
  const commit = fetchSite(options);
  if (!commit) return [];
  return withWorktree(options.repo, commit, (tree) => {
    const present = new Set(runFolders(publishedDir));
    const restored = runFolders(tree).filter((run) => !present.has(run));
    for (const run of restored)
      fs.cpSync(path.join(tree, run), path.join(publishedDir, run), { recursive: true, errorOnExist: true });
    return restored;
  });
}

/**
 * Makes `publishedDir` the site branch's next commit (a new history on the first save) and pushes it. Returns the
 * commit, or null when nothing changed.
 */
export function saveSite(publishedDir: string, message: string, options: SiteOptions = DEFAULT_SITE): string | null {
  const commit = fetchSite(options);
  return withWorktree(options.repo, commit, (tree) => {
    for (const entry of fs.readdirSync(tree))
      if (entry !== '.git') fs.rmSync(path.join(tree, entry), { recursive: true });
    fs.cpSync(publishedDir, tree, { recursive: true });
    // GitHub Pages serves the folders as they are: no Jekyll pass over the reports.
    fs.writeFileSync(path.join(tree, '.nojekyll'), '');
    git(tree, ['add', '--all']);
    if (commit && git(tree, ['status', '--porcelain']).trim() === '') return null;
    const identity = ['-c', 'user.name=mutation-bench', '-c', 'user.email=mutation-bench@users.noreply.github.com'];
    git(tree, [...identity, 'commit', '--quiet', '-m', message]);
    git(tree, ['push', '--quiet', options.remote, `HEAD:refs/heads/${options.branch}`]);
    return git(tree, ['rev-parse', 'HEAD']).trim();
  });
}

const USAGE = `usage: npm run site -- restore|save [--dir reports/published] [--remote origin] [--branch gh-pages]

restore: copy every run published on the site's branch into the folder (before npm run report:publish)
save:    commit the folder as the branch's next version and push it (after npm run report:publish)`;

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  try {
    const { values, positionals } = parseArgs({
      args: process.argv.slice(2),
      options: { dir: { type: 'string' }, remote: { type: 'string' }, branch: { type: 'string' } },
      allowPositionals: true,
    });
    const [command, ...extra] = positionals;
    if ((command !== 'restore' && command !== 'save') || extra.length) throw new UserError(USAGE);
    const dir = path.resolve(values.dir ?? PUBLISHED_DIR);
    const options = {
      repo: process.cwd(),
      remote: values.remote ?? DEFAULT_SITE.remote,
      branch: values.branch ?? DEFAULT_SITE.branch,
    };
    if (command === 'restore') {
      const restored = restoreSite(dir, options);
      console.log(`Restored ${restored.length} published run(s) from ${options.remote}/${options.branch}`);
    } else {
      const commit = saveSite(dir, `Publish ${runFolders(dir).length} run(s)`, options);
      console.log(commit ? `Saved ${options.remote}/${options.branch} at ${commit}` : 'Nothing changed on the site');
    }
  } catch (error) {
    const known = error instanceof UserError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    console.error(`mutation-bench: ${known ? (error as Error).message : (error as Error).stack}`);
    process.exit(known ? 2 : 1);
  }
}
