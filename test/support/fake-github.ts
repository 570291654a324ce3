import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './cli';

/**
 * The GitHub a test stands in for, on this machine: its REST API's issue comments (a node:http server on 127.0.0.1
 * that records every request), and its runner's handling of a composite action's steps (action.yml read, its
 * expressions evaluated, its `run:` scripts run with bash in order, as a runner would).
 */

/** A request the fake API received. */
export interface RecordedRequest {
  method: string;
  /** Path and query. */
  url: string;
  authorization: string | undefined;
  body: unknown;
}

export interface FakeComment {
  id: number;
  body: string;
  html_url: string;
}

export interface FakeGitHub {
  /** The API's base URL (GITHUB_API_URL). */
  url: string;
  requests: RecordedRequest[];
  /** The comments of an issue (a pull request), oldest first. */
  comments: (issue: number) => FakeComment[];
  close: () => Promise<void>;
}

/**
 * GitHub's issue-comment endpoints for one repository: list (paginated by `pageSize` whatever per_page asks,
 * with a Link header as GitHub's), create, update. Anything without `Authorization: Bearer <token>` is 401.
 * `nextOrigin` puts the Link header's pages on another origin (a test of where the token is sent).
 */
export async function startFakeGitHub(
  options: {
    token?: string;
    repository?: string;
    pageSize?: number;
    comments?: Record<number, string[]>;
    nextOrigin?: string;
  } = {},
): Promise<FakeGitHub> {
  const { token = 'test-token', repository = 'octo/app', pageSize = 100 } = options;
  const requests: RecordedRequest[] = [];
  const issues = new Map<number, FakeComment[]>();
  let nextId = 1000;
  let origin = '';
  const add = (issue: number, body: string): FakeComment => {
    const comment = { id: nextId++, body, html_url: `https://github.test/${repository}/pull/${issue}#c${nextId}` };
    issues.set(issue, [...(issues.get(issue) ?? []), comment]);
    return comment;
  };
  for (const [issue, bodies] of Object.entries(options.comments ?? {}))
    for (const body of bodies) add(Number(issue), body);

  const server = http.createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', origin);
      const body = raw ? (JSON.parse(raw) as unknown) : undefined;
      requests.push({
        method: request.method ?? '',
        url: url.pathname + url.search,
        authorization: request.headers.authorization,
        body,
      });
      const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
        response.writeHead(status, { 'content-type': 'application/json', ...headers });
        response.end(JSON.stringify(json));
      };
      if (request.headers.authorization !== `Bearer ${token}`) return send(401, { message: 'Bad credentials' });
      const prefix = `/repos/${repository}/issues/`;
      if (!url.pathname.startsWith(prefix)) return send(404, { message: 'Not Found' });
      const rest = url.pathname.slice(prefix.length).split('/');
      if (rest.length === 2 && rest[1] === 'comments' && /^\d+$/.test(rest[0]!)) {
        const issue = Number(rest[0]);
        if (request.method === 'GET') {
          const page = Number(url.searchParams.get('page') ?? 1);
          const all = issues.get(issue) ?? [];
          const last = Math.max(1, Math.ceil(all.length / pageSize));
          const link: Record<string, string> =
            page < last
              ? {
                  link: `<${options.nextOrigin ?? origin}${url.pathname}?per_page=100&page=${page + 1}>; rel="next", <${origin}${url.pathname}?per_page=100&page=${last}>; rel="last"`,
                }
              : {};
          return send(200, all.slice((page - 1) * pageSize, page * pageSize), link);
        }
        if (request.method === 'POST') return send(201, add(issue, (body as { body: string }).body));
      }
      if (rest.length === 2 && rest[0] === 'comments' && request.method === 'PATCH') {
        const comment = [...issues.values()].flat().find((candidate) => candidate.id === Number(rest[1]));
        if (!comment) return send(404, { message: 'Not Found' });
        comment.body = (body as { body: string }).body;
        return send(200, comment);
      }
      return send(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    requests,
    comments: (issue) => issues.get(issue) ?? [],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// --- action.yml ----------------------------------------------------------------------------------------------------

export type Yaml = string | Yaml[] | { [key: string]: Yaml };

/**
 * The YAML action.yml is written in, and nothing more: block maps and lists, plain and quoted scalars (kept as
 * strings), `|` block scalars, comments. Anything else (flow collections, anchors, folded scalars) is refused, so
 * the tests never read the file otherwise than GitHub does.
 */
export function parseYaml(source: string): Yaml {
  const lines = source.split('\n');
  let at = 0;
  const fail = (message: string): never => {
    throw new Error(`YAML line ${at + 1}: ${message}`);
  };
  const skippable = (line: string) => line.trim() === '' || line.trimStart().startsWith('#');
  const peek = () => {
    while (at < lines.length && skippable(lines[at]!)) at++;
    if (at >= lines.length) return null;
    const line = lines[at]!;
    return { indent: line.length - line.trimStart().length, text: line.trim() };
  };
  const isItem = (text: string) => text === '-' || text.startsWith('- ');
  const KEY = /^([A-Za-z0-9_.-]+):(?:\s+(.*))?$/;

  const scalar = (text: string): string => {
    if (text.startsWith("'")) {
      const quoted = /^'((?:[^']|'')*)'(?:\s+#.*)?$/.exec(text) ?? fail(`an unclosed quote: ${text}`);
      return quoted[1]!.replaceAll("''", "'");
    }
    if (text.startsWith('"')) {
      const quoted = /^("(?:[^"\\]|\\.)*")(?:\s+#.*)?$/.exec(text) ?? fail(`an unclosed quote: ${text}`);
      return JSON.parse(quoted[1]!) as string;
    }
    if (/^[[{&*!|>%@`]/.test(text)) fail(`not in the subset of YAML read here: ${text}`);
    return text.replace(/\s+#.*$/, '').trim();
  };

  const block = (indent: number): Yaml => {
    const next = peek();
    if (!next || next.indent < indent) return fail('a value was expected');
    return isItem(next!.text) ? list(next!.indent) : map(next!.indent);
  };

  const literal = (parentIndent: number, chomp: string): string => {
    const body: string[] = [];
    while (at < lines.length) {
      const line = lines[at]!;
      if (line.trim() !== '' && line.length - line.trimStart().length <= parentIndent) break;
      body.push(line);
      at++;
    }
    while (body.length > 0 && body.at(-1)!.trim() === '') body.pop();
    const first = body.find((line) => line.trim() !== '') ?? '';
    const indent = first.length - first.trimStart().length;
    const text = body.map((line) => line.slice(indent)).join('\n');
    return chomp === '-' ? text : `${text}\n`;
  };

  const map = (indent: number): Yaml => {
    const result: Record<string, Yaml> = {};
    for (let line = peek(); line && line.indent >= indent; line = peek()) {
      if (line.indent > indent) fail('unexpected indentation');
      if (isItem(line.text)) fail('a list item among the keys of a map');
      const match = KEY.exec(line.text) ?? fail(`not a key: ${line.text}`);
      const [, key, value = ''] = match;
      if (Object.hasOwn(result, key!)) fail(`the key ${key} twice`);
      at++;
      const blockScalar = /^\|([-+]?)$/.exec(value);
      if (blockScalar) result[key!] = literal(indent, blockScalar[1]!);
      else if (value !== '') result[key!] = scalar(value);
      else {
        const next = peek();
        result[key!] = next && next.indent > indent ? block(indent + 1) : '';
      }
    }
    return result;
  };

  const list = (indent: number): Yaml => {
    const result: Yaml[] = [];
    for (let line = peek(); line && line.indent === indent && isItem(line.text); line = peek()) {
      const rest = line.text.slice(1).trim();
      if (rest === '') fail('an empty list item');
      if (KEY.test(rest)) {
        // `- key: value` opens a map whose keys sit two columns in.
        lines[at] = `${' '.repeat(indent + 2)}${rest}`;
        result.push(map(indent + 2));
      } else {
        at++;
        result.push(scalar(rest));
      }
    }
    return result;
  };

  const document = block(0);
  if (peek()) fail('text after the document');
  return document;
}

export interface ActionStep {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  with?: Record<string, string>;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
  'continue-on-error'?: string;
}

export interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: string; default?: string }>;
  outputs?: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

export const ACTION_FILE = path.join(ROOT, 'action.yml');

export const readAction = (file = ACTION_FILE): Action => parseYaml(fs.readFileSync(file, 'utf8')) as unknown as Action;

// --- expressions ---------------------------------------------------------------------------------------------------

/** The contexts an expression reads: inputs, github, steps (their outputs), runner. */
export interface Contexts {
  inputs: Record<string, string>;
  github: Record<string, unknown>;
  steps: Record<string, { outputs: Record<string, string>; outcome?: string }>;
  runner: Record<string, string>;
}

type Value = string | boolean | undefined;

/**
 * GitHub's expression language as action.yml uses it: context paths (hyphens allowed), 'strings', ==, !=, !, &&,
 * ||, parentheses, and the status functions. A path to nothing is '' as GitHub's null compares. Anything else is refused.
 */
export function evaluate(expression: string, contexts: Contexts, failed = false): Value {
  const tokens = [
    ...expression.matchAll(/\s*(\|\||&&|==|!=|!|\(|\)|'(?:[^']|'')*'|[A-Za-z_][\w-]*(?:\.[\w-]+)*(?:\(\))?)/gy),
  ].map((match) => match[1]!);
  if (tokens.join('').replace(/\s/g, '') !== expression.replace(/\s/g, ''))
    throw new Error(`an expression this test cannot read: ${expression}`);
  let at = 0;
  const truthy = (value: Value) => value !== undefined && value !== '' && value !== false;
  const primary = (): Value => {
    const token = tokens[at++];
    if (token === undefined) throw new Error(`an unfinished expression: ${expression}`);
    if (token === '!') return !truthy(primary());
    if (token === '(') {
      const value = or();
      if (tokens[at++] !== ')') throw new Error(`an unclosed parenthesis: ${expression}`);
      return value;
    }
    if (token.startsWith("'")) return token.slice(1, -1).replaceAll("''", "'");
    const status: Record<string, boolean> = {
      'always()': true,
      'success()': !failed,
      'failure()': failed,
      'cancelled()': false,
    };
    if (token in status) return status[token];
    if (token === 'true' || token === 'false') return token === 'true';
    const [context, ...keys] = token.split('.');
    if (!(context! in contexts)) throw new Error(`an unknown context ${context} in ${expression}`);
    let value: unknown = contexts[context as keyof Contexts];
    for (const key of keys)
      value = value === null || typeof value !== 'object' ? undefined : (value as Record<string, unknown>)[key];
    return value === undefined || value === null ? '' : typeof value === 'boolean' ? value : String(value);
  };
  const comparison = (): Value => {
    const left = primary();
    const operator = tokens[at];
    if (operator !== '==' && operator !== '!=') return left;
    at++;
    const right = primary();
    // GitHub compares strings case-insensitively.
    const equal = String(left ?? '').toLowerCase() === String(right ?? '').toLowerCase();
    return operator === '==' ? equal : !equal;
  };
  const and = (): Value => {
    let value = comparison();
    while (tokens[at] === '&&') {
      at++;
      const right = comparison();
      value = truthy(value) ? right : value;
    }
    return value;
  };
  const or = (): Value => {
    let value = and();
    while (tokens[at] === '||') {
      at++;
      const right = and();
      value = truthy(value) ? value : right;
    }
    return value;
  };
  const value = or();
  if (at !== tokens.length) throw new Error(`an expression this test cannot read: ${expression}`);
  return value;
}

/** Every `${{ … }}` of a text replaced by its value, as the runner does before a step starts. */
export const interpolate = (text: string, contexts: Contexts): string =>
  text.replace(/\$\{\{(.*?)\}\}/g, (_whole, expression: string) => {
    const value = evaluate(expression.trim(), contexts);
    return value === undefined ? '' : String(value);
  });

/** A step's `if:`, with the implicit success() a condition without a status function gets. */
export function shouldRun(step: ActionStep, contexts: Contexts, failed: boolean): boolean {
  const condition = (step.if ?? 'success()').replace(/^\$\{\{(.*)\}\}$/s, '$1');
  const withStatus = /\b(always|success|failure|cancelled)\(\)/.test(condition)
    ? condition
    : `success() && (${condition})`;
  const value = evaluate(withStatus, contexts, failed);
  return value !== undefined && value !== '' && value !== false;
}

// --- the runner ----------------------------------------------------------------------------------------------------

/** What one step did. */
export interface StepResult {
  name: string;
  /** false: its condition was false, or the test skipped it. */
  ran: boolean;
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  /** A `uses:` step's `with:`, interpolated. */
  with?: Record<string, string>;
}

export interface ActionRun {
  steps: StepResult[];
  /** Whether a step failed: the job's result. */
  failed: boolean;
  contexts: Contexts;
}

/** `name=value` and `name<<DELIMITER` … `DELIMITER` lines of $GITHUB_OUTPUT. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const heredoc = /^([\w-]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, index + 1);
      outputs[heredoc[1]!] = lines.slice(index + 1, end).join('\n');
      index = end;
    } else if (line.includes('=')) outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  return outputs;
}

function runBash(
  script: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // As the runner starts `shell: bash`: a script file, no profile, -e and pipefail.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-bench-step-')), 'step.sh');
    fs.writeFileSync(file, script);
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', file], { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Runs a composite action's steps in order, as a runner would: inputs with their defaults, each step's condition,
 * its `env:` and `working-directory` interpolated, `run:` with bash (asynchronously: a fake API in this process
 * keeps answering), its $GITHUB_OUTPUT read into `steps.<id>.outputs`. `uses:` steps go to `uses` (default: nothing
 * happens, code 0); `skip` leaves out steps a test cannot run (an `npm ci` over the checkout the tests run from).
 */
export async function runAction(
  action: Action,
  options: {
    inputs: Record<string, string>;
    github: Record<string, unknown>;
    /** The runner's environment: GITHUB_*, RUNNER_TEMP, … */
    env: Record<string, string>;
    skip?: (step: ActionStep) => boolean;
    uses?: (step: ActionStep, given: Record<string, string>) => number;
    /** Steps already run earlier in the job, by id (to run one step again). */
    steps?: Contexts['steps'];
  },
): Promise<ActionRun> {
  const contexts: Contexts = {
    inputs: {},
    github: options.github,
    steps: { ...options.steps },
    runner: { temp: options.env.RUNNER_TEMP ?? os.tmpdir() },
  };
  for (const [name, input] of Object.entries(action.inputs)) {
    const given = options.inputs[name];
    contexts.inputs[name] = given ?? interpolate(input.default ?? '', contexts);
    if (input.required === 'true' && !contexts.inputs[name]) throw new Error(`input ${name} is required`);
  }
  for (const name of Object.keys(options.inputs))
    if (!(name in action.inputs)) throw new Error(`input ${name} is not declared by the action`);
  const results: StepResult[] = [];
  let failed = false;
  for (const [index, step] of action.runs.steps.entries()) {
    const name = step.name ?? step.uses ?? `step ${index + 1}`;
    const skipped = { name, ran: false, code: null, stdout: '', stderr: '', outputs: {} };
    if (options.skip?.(step) || !shouldRun(step, contexts, failed)) {
      results.push(skipped);
      continue;
    }
    const interpolated = (record: Record<string, string> | undefined) =>
      Object.fromEntries(Object.entries(record ?? {}).map(([key, value]) => [key, interpolate(value, contexts)]));
    let result: StepResult;
    if (step.uses) {
      const given = interpolated(step.with);
      result = { ...skipped, ran: true, code: options.uses?.(step, given) ?? 0, with: given };
    } else {
      const outputFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-bench-output-')), 'output');
      fs.writeFileSync(outputFile, '');
      const env = {
        ...process.env,
        ...options.env,
        GITHUB_OUTPUT: outputFile,
        ...interpolated(step.env),
      };
      const cwd = step['working-directory']
        ? interpolate(step['working-directory'], contexts)
        : (options.env.GITHUB_WORKSPACE ?? process.cwd());
      const exit = await runBash(step.run ?? '', cwd, env);
      result = { name, ran: true, ...exit, outputs: parseOutputs(fs.readFileSync(outputFile, 'utf8')) };
      fs.rmSync(path.dirname(outputFile), { recursive: true, force: true });
    }
    if (step.id)
      contexts.steps[step.id] = { outputs: result.outputs, outcome: result.code === 0 ? 'success' : 'failure' };
    if (result.code !== 0 && step['continue-on-error'] !== 'true') failed = true;
    results.push(result);
  }
  return { steps: results, failed, contexts };
}

/** The environment a runner gives a job, pointed at this machine: the workspace, the action, a temp folder, the event. */
export function runnerEnvironment(options: {
  workspace: string;
  actionPath: string;
  temp: string;
  eventName: string;
  event: unknown;
  apiUrl: string;
  repository?: string;
}): { env: Record<string, string>; github: Record<string, unknown> } {
  const eventPath = path.join(options.temp, 'event.json');
  fs.writeFileSync(eventPath, JSON.stringify(options.event));
  const summary = path.join(options.temp, 'step-summary.md');
  const repository = options.repository ?? 'octo/app';
  const env = {
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_ACTION_PATH: options.actionPath,
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_API_URL: options.apiUrl,
    GITHUB_SERVER_URL: 'https://github.test',
    GITHUB_REPOSITORY: repository,
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'bench',
    GITHUB_STEP_SUMMARY: summary,
    RUNNER_TEMP: options.temp,
  };
  const github = {
    event_name: options.eventName,
    event: options.event,
    action_path: options.actionPath,
    workspace: options.workspace,
    repository,
    job: 'bench',
    run_id: '4242',
    run_attempt: '1',
    token: 'test-token',
  };
  return { env, github };
}
