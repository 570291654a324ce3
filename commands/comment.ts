import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMain } from '../runner/core/cleanup';
import { EXIT, UserError } from '../runner/core/errors';
import { parseFlags } from '../runner/core/flags';
import { readResults } from '../runner/contract/store';
import { COMMENT_MARKER, prCommentBody, type CommentContext } from '../reports/pr-comment';

const USAGE = `Usage: mutation-bench comment --run DIR [--artifact NAME] [--post] [--pr N]

Prints the pull-request comment of a run folder (a duet, --against): the verdict, the comparison table, the
conditions, where the report is (--artifact: the workflow artifact holding the run folder). With --post it adds
the comment to the pull request, or updates the one it added before (found by its first line, ${COMMENT_MARKER}),
through the GitHub REST API:

  GITHUB_TOKEN        a token that may write to the pull request (permissions: pull-requests: write)
  GITHUB_REPOSITORY   owner/name
  GITHUB_API_URL      default https://api.github.com
  GITHUB_EVENT_PATH   the event, whose pull_request.number is the pull request (or --pr N)

Exit codes: 0 printed (and posted); 2 a mistake to fix (no results.json, no token, not a pull request), one line.`;

/** Where a comment goes: the API, its token, the repository and the pull request. */
export interface GitHubTarget {
  apiUrl: string;
  token: string;
  repository: string;
  pr: number;
}

/** The comment's body from a run folder: a folder without results.json is a mistake to fix. */
export function commentBodyOf(dir: string, context: CommentContext = {}): string {
  if (!fs.existsSync(path.join(dir, 'results.json')))
    throw new UserError(
      `--run ${dir} has no results.json: pass the folder the benchmark wrote (its --out), after a run that started`,
    );
  return prCommentBody(readResults(dir), context);
}

/** The workflow run's page (where its artifacts are listed), when the environment names one. */
export function workflowRunUrl(env: NodeJS.ProcessEnv): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: runId } = env;
  return server && repository && runId ? `${server}/${repository}/actions/runs/${runId}` : undefined;
}

/** The pull request's number: --pr, else the event's pull_request.number. */
function pullRequestNumber(env: NodeJS.ProcessEnv, prFlag: string | undefined): number {
  if (prFlag !== undefined) {
    if (!/^[1-9]\d*$/.test(prFlag)) throw new UserError(`--pr takes a pull request's number (got "${prFlag}")`);
    return Number(prFlag);
  }
  const fix = 'run the comment on pull_request events, or pass --pr N';
  const file = env.GITHUB_EVENT_PATH;
  if (!file) throw new UserError(`no pull request: GITHUB_EVENT_PATH is not set: ${fix}`);
  let event: unknown;
  try {
    event = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UserError(
      `no pull request: GITHUB_EVENT_PATH=${file} cannot be read as JSON (${(error as Error).message}): ${fix}`,
    );
  }
  const number = (event as { pull_request?: { number?: unknown } } | null)?.pull_request?.number;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1)
    throw new UserError(`not a pull request event: ${file} has no pull_request.number: ${fix}`);
  return number;
}

/** The API, token, repository and pull request from the environment (as a GitHub Actions step has them) and --pr. */
export function gitHubTarget(env: NodeJS.ProcessEnv, prFlag?: string): GitHubTarget {
  const token = env.GITHUB_TOKEN;
  if (!token)
    throw new UserError(
      'GITHUB_TOKEN is not set: set it to a token that may write to the pull request (the action passes its github-token input)',
    );
  const repository = env.GITHUB_REPOSITORY;
  if (!repository || !/^[\w.-]+\/[\w.-]+$/.test(repository))
    throw new UserError(`GITHUB_REPOSITORY must be owner/name (got "${repository ?? ''}"): set it to the repository`);
  const apiUrl = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
  try {
    new URL(apiUrl);
  } catch {
    throw new UserError(`GITHUB_API_URL=${apiUrl} is not a URL: unset it for https://api.github.com`);
  }
  return { apiUrl, token, repository, pr: pullRequestNumber(env, prFlag) };
}

interface IssueComment {
  id: number;
  body?: string | null;
  html_url?: string;
}

/** What GitHub's refusals mean for the one who set the workflow up; anything else is a failure (exit 1). */
async function gitHubRequest(
  target: GitHubTarget,
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  fetchImpl: typeof fetch,
  body?: string,
): Promise<Response> {
  const response = await fetchImpl(url, {
    method,
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${target.token}`,
      'user-agent': 'mutation-bench',
      'x-github-api-version': '2022-11-28',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify({ body }),
  });
  if (response.ok) return response;
  const said = await response
    .json()
    .then((json: { message?: string }) => json.message ?? '')
    .catch(() => '');
  const what = `GitHub answered ${method} ${new URL(url).pathname} with ${response.status}${said ? ` (${said})` : ''}`;
  if (response.status === 401) throw new UserError(`${what}: the token was refused: check GITHUB_TOKEN`);
  if (response.status === 403)
    throw new UserError(
      `${what}: the token may not comment: give the job permissions: pull-requests: write (a pull request from a fork gets a read-only token)`,
    );
  if (response.status === 404)
    throw new UserError(
      `${what}: no pull request ${target.repository}#${target.pr} the token can see: check GITHUB_REPOSITORY and the pull request`,
    );
  throw new Error(what);
}

/** The `rel="next"` page of a Link header, kept on the API's own origin (the token goes nowhere else). */
function nextPage(target: GitHubTarget, link: string | null): string | null {
  const next = link?.split(',').find((part) => /;\s*rel="next"/.test(part));
  const url = next && /<([^>]+)>/.exec(next)?.[1];
  if (!url) return null;
  if (new URL(url).origin !== new URL(target.apiUrl).origin)
    throw new Error(`GitHub's next page ${url} is not on ${target.apiUrl}: not followed`);
  return url;
}

/** Pages of comments read at most: 100 comments each. */
const MAX_PAGES = 100;

/**
 * Adds the comment to the pull request, or updates the one mutation-bench added before (the first whose body starts
 * with the marker), so a pull request carries one comment however often it is measured.
 */
export async function upsertComment(
  target: GitHubTarget,
  body: string,
  fetchImpl: typeof fetch = fetch,
): Promise<{ action: 'created' | 'updated'; id: number; url?: string }> {
  if (!body.startsWith(COMMENT_MARKER)) throw new Error(`a comment body must start with ${COMMENT_MARKER}`);
  const issue = `${target.apiUrl}/repos/${target.repository}/issues`;
  let url: string | null = `${issue}/${target.pr}/comments?per_page=100`;
  let found: IssueComment | undefined;
  for (let page = 0; url && !found; page++) {
    if (page === MAX_PAGES)
      throw new Error(`more than ${MAX_PAGES} pages of comments on ${target.repository}#${target.pr}`);
    const response = await gitHubRequest(target, 'GET', url, fetchImpl);
    const comments = (await response.json()) as IssueComment[];
    found = comments.find((comment) => comment.body?.startsWith(COMMENT_MARKER));
    url = nextPage(target, response.headers.get('link'));
  }
  const response = found
    ? await gitHubRequest(target, 'PATCH', `${issue}/comments/${found.id}`, fetchImpl, body)
    : await gitHubRequest(target, 'POST', `${issue}/${target.pr}/comments`, fetchImpl, body);
  const saved = (await response.json()) as IssueComment;
  return { action: found ? 'updated' : 'created', id: saved.id, url: saved.html_url };
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags({
    args: argv,
    options: {
      run: { type: 'string' },
      artifact: { type: 'string' },
      post: { type: 'boolean' },
      pr: { type: 'string' },
      help: { type: 'boolean' },
    },
    allowPositionals: true,
  });
  if (values.help) {
    console.log(USAGE);
    return EXIT.ok;
  }
  if (!values.run || positionals.length > 0)
    throw new UserError('usage: mutation-bench comment --run DIR [--artifact NAME] [--post] [--pr N] (see --help)');
  // Refused before anything is read: a missing token is the mistake to name, whatever the folder holds.
  const target = values.post ? gitHubTarget(process.env, values.pr) : undefined;
  const body = commentBodyOf(path.resolve(values.run), {
    artifact: values.artifact,
    runUrl: workflowRunUrl(process.env),
  });
  console.log(body);
  if (target) {
    const { action, url } = await upsertComment(target, body);
    console.error(`mutation-bench comment: ${action} ${url ?? `on ${target.repository}#${target.pr}`}`);
  }
  return EXIT.ok;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) runMain('mutation-bench comment', () => main(process.argv.slice(2)));
