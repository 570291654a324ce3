import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { AppConfigSchema, type MutationBenchConfig } from '../runner/contract/app-config';
import { describeConfigIssue, loadAppConfig } from '../runner/core/app-config-file';
import { resolveConfig } from '../runner/core/config';
import { UserError } from '../runner/core/errors';

/** A config as a user writes it, changed field by field to get each one wrong. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any field may be set to any wrong value
type Editable = any;

const ROOT = path.join(import.meta.dirname, '..');
/** tsx's loader by path: the command runs from a folder outside the project, as a user's would. */
const TSX = pathToFileURL(path.join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const VALID: MutationBenchConfig = {
  app: { dir: '.' },
  reset: { url: '/api/reset' },
  scenarios: {
    sign: {
      summary: 'sign the guestbook',
      baseline: 'action',
      variants: { action: { page: '/action', roundTrips: 1 }, route: { page: '/route', roundTrips: 1 } },
      interaction: {
        steps: [{ fill: { label: 'message' }, value: '{label}' }],
        trigger: { role: 'button', name: 'Sign' },
        expect: [{ selector: 'li', text: '{label}' }],
      },
      persisted: { url: '/api/count?prefix={prefix}' },
    },
  },
  regression: { bandPercent: 5, bandMs: 2, failOnRegression: true },
};

/** VALID with one change made by `edit` on a deep copy. */
function broken(edit: (config: Editable) => void): unknown {
  const config = structuredClone(VALID) as Editable;
  edit(config);
  return config;
}
const sign = (config: Editable) => config.scenarios.sign;

/** The one line a config is refused with, or 'accepted'. */
function refusal(config: unknown): string {
  const parsed = AppConfigSchema.safeParse(config);
  return parsed.success ? 'accepted' : describeConfigIssue(parsed.error.issues[0]!);
}

describe('mutation-bench.config.ts, each field wrong once', () => {
  it('accepts a value used after the step that read it', () =>
    expect(
      refusal(
        broken((c) => {
          sign(c).interaction.steps = [{ read: 'output', as: 'count' }];
          sign(c).interaction.expect = [{ selector: 'output', text: '{count+1}' }];
        }),
      ),
    ).toBe('accepted'));

  it('accepts the valid config', () => expect(refusal(VALID)).toBe('accepted'));

  const cases: [string, (config: Editable) => void, RegExp][] = [
    ['app missing', (c) => delete c.app, /^app: /],
    ['app neither dir nor url', (c) => (c.app = { folder: '.' }), /^app: give \{ dir/],
    ['app.dir empty', (c) => (c.app = { dir: '' }), /^app\.dir: the folder of your Next\.js app/],
    ['app.env not text', (c) => (c.app = { dir: '.', env: { PORT: 3000 } }), /^app\.env\.PORT: /],
    [
      'app.url not on this machine',
      (c) => (c.app = { url: 'https://example.com' }),
      /^app\.url: an http URL on 127\.0\.0\.1/,
    ],
    ['reset unknown word', (c) => (c.reset = 'never'), /^reset: give 'none'/],
    [
      'reset.url not a path',
      (c) => (c.reset = { url: 'api/reset' }),
      /^reset\.url: a path on the app starting with "\/"/,
    ],
    ['reset.command empty', (c) => (c.reset = { command: '' }), /^reset\.command: /],
    ['scenarios empty', (c) => (c.scenarios = {}), /^scenarios: name at least one scenario/],
    ['scenario id', (c) => (c.scenarios = { 'Sign Up': sign(c) }), /^scenarios\.Sign Up: scenario ids are lower-case/],
    ['summary missing', (c) => delete sign(c).summary, /^scenarios\.sign\.summary: /],
    [
      'baseline names no variant',
      (c) => (sign(c).baseline = 'actions'),
      /^scenarios\.sign\.baseline: names no variant: choose one of action, route/,
    ],
    [
      'one variant only',
      (c) => delete sign(c).variants.route,
      /^scenarios\.sign\.variants: name at least two variants/,
    ],
    [
      'variant name',
      (c) => (sign(c).variants.Route = sign(c).variants.route),
      /^scenarios\.sign\.variants\.Route: variant names/,
    ],
    [
      'page not a path',
      (c) => (sign(c).variants.route.page = 'route'),
      /^scenarios\.sign\.variants\.route\.page: a path on the app/,
    ],
    ['page with a query', (c) => (sign(c).variants.route.page = '/route?x=1'), /without query or fragment/],
    ['roundTrips 0', (c) => (sign(c).variants.route.roundTrips = 0), /^scenarios\.sign\.variants\.route\.roundTrips: /],
    ['requests 0', (c) => (sign(c).variants.route.requests = 0), /^scenarios\.sign\.variants\.route\.requests: /],
    [
      'a variant without any interaction',
      (c) => delete sign(c).interaction,
      /^scenarios\.sign\.variants\.action\.interaction: is missing/,
    ],
    [
      'trigger not an element',
      (c) => (sign(c).interaction.trigger = { role: 'button' }),
      /^scenarios\.sign\.interaction\.trigger/,
    ],
    ['trigger empty', (c) => (sign(c).interaction.trigger = ''), /^scenarios\.sign\.interaction\.trigger/],
    [
      'a step of no kind',
      (c) => (sign(c).interaction.steps = [{ type: 'x' }]),
      /^scenarios\.sign\.interaction\.steps\.0: a step is one of/,
    ],
    [
      'fill without value',
      (c) => (sign(c).interaction.steps = [{ fill: 'input' }]),
      /^scenarios\.sign\.interaction\.steps\.0\.value: /,
    ],
    [
      'read as a bad name',
      (c) => (sign(c).interaction.steps = [{ read: 'output', as: '1x' }]),
      /^scenarios\.sign\.interaction\.steps\.0\.as: a name of letters/,
    ],
    [
      'a text naming a value no step read',
      (c) => (sign(c).interaction.expect = [{ selector: 'output', text: '{count+1}' }]),
      /^scenarios\.sign\.interaction\.expect\.0\.text: \{count\+1\} names no value: use \{label\}, or what an earlier read step took/,
    ],
    [
      'a target naming a value read only after it',
      (c) =>
        (sign(c).interaction.steps = [
          { fill: { label: 'row {first}' }, value: 'x' },
          { read: 'li', as: 'first' },
        ]),
      /^scenarios\.sign\.interaction\.steps\.0\.fill\.label: \{first\} names no value/,
    ],
    ['expect empty', (c) => (sign(c).interaction.expect = []), /^scenarios\.sign\.interaction\.expect: /],
    [
      'expect without selector',
      (c) => (sign(c).interaction.expect = [{ text: 'x' }]),
      /^scenarios\.sign\.interaction\.expect\.0\.selector: /,
    ],
    [
      'a mark without text',
      (c) => (sign(c).interaction.marks = { paint: { selector: 'b' } }),
      /^scenarios\.sign\.interaction\.marks\.paint\.text: /,
    ],
    [
      'persisted.url without {prefix}',
      (c) => (sign(c).persisted = { url: '/api/count' }),
      /^scenarios\.sign\.persisted\.url: must contain \{prefix\}/,
    ],
    ['httpReplay not true or false', (c) => (sign(c).httpReplay = 'yes'), /^scenarios\.sign\.httpReplay: /],
    ['regression.bandPercent negative', (c) => (c.regression.bandPercent = -1), /^regression\.bandPercent: /],
    ['regression.bandMs not a number', (c) => (c.regression.bandMs = '2ms'), /^regression\.bandMs: /],
    [
      'regression.failOnRegression not a boolean',
      (c) => (c.regression.failOnRegression = 'no'),
      /^regression\.failOnRegression: /,
    ],
    [
      'an unknown field',
      (c) => (c.scenario = {}),
      /^\(the whole file\) has "scenario", which mutation-bench\.config\.ts does not know/,
    ],
    [
      'an unknown field in a variant',
      (c) => (sign(c).variants.route.path = '/x'),
      /^scenarios\.sign\.variants\.route has "path"/,
    ],
  ];
  for (const [name, edit, expected] of cases)
    it(`refuses ${name} in one line naming the field`, () => {
      const line = refusal(broken(edit));
      expect(line).toMatch(expected);
      expect(line).not.toContain('\n');
    });
});

describe('loadAppConfig', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-bench-config-'));
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, 'app'));
  const write = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };
  const refused = async (file: string) => {
    const error = await loadAppConfig(file, dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).not.toContain('\n');
    return (error as Error).message;
  };

  it('loads a valid file, the app folder resolved beside it', async () => {
    const app = await loadAppConfig(write('ok.config.ts', `export default ${JSON.stringify(VALID)};`), dir);
    expect(app).toMatchObject({ configFile: 'ok.config.ts', dir });
  });
  it('refuses a missing file', async () =>
    expect(await refused(path.join(dir, 'nowhere.ts'))).toMatch(/--config .*nowhere\.ts: no such file/));
  it('refuses a file that does not load', async () =>
    expect(await refused(write('syntax.config.ts', 'export default {'))).toMatch(
      /syntax\.config\.ts could not be loaded: /,
    ));
  it('refuses a file without a default export', async () =>
    expect(await refused(write('named.config.ts', 'export const config = {};'))).toMatch(/has no default export/));
  it('refuses an app.dir that is not a Next.js app', async () =>
    expect(
      await refused(
        write('far.config.ts', `export default ${JSON.stringify({ ...VALID, app: { dir: 'elsewhere' } })};`),
      ),
    ).toMatch(/app\.dir elsewhere is no folder, let alone a Next\.js App Router app/));
  it('names the field of a mistake with the file', async () =>
    expect(
      await refused(
        write('page.config.ts', `export default ${JSON.stringify(broken((c) => (sign(c).baseline = 'x')))};`),
      ),
    ).toMatch(/^page\.config\.ts: scenarios\.sign\.baseline: names no variant/));
});

describe('a run with --config', () => {
  const app = { configFile: 'mutation-bench.config.ts', dir: ROOT, spec: AppConfigSchema.parse(VALID) };
  const resolve = (...flags: string[]) => resolveConfig(['--config', 'x', ...flags], new Date(), ROOT, app);

  it("measures the app's scenarios with the browser and HTTP suites, every one loaded, no floor", () => {
    expect(resolve()).toMatchObject({
      scenarios: ['sign'],
      suites: ['browser', 'http'],
      loadScenarios: ['sign'],
      loadFloor: false,
    });
  });
  it('refuses the fixture-only suites, flags and scenarios in one line', () => {
    expect(() => resolve('--suite', 'probes')).toThrow(/--suite probes reads the fixture's own pages/);
    expect(() => resolve('--next', '16.5')).toThrow(/--next is for the fixture/);
    expect(() => resolve('--target', 'http://127.0.0.1:3000')).toThrow(/--target is for the fixture/);
    expect(() => resolve('--scenarios', 'counter')).toThrow(/unknown scenario "counter": choose from sign or all/);
  });
  it('refuses --against for an app given by URL', () => {
    const running = {
      ...app,
      dir: null,
      spec: AppConfigSchema.parse({ ...VALID, app: { url: 'http://127.0.0.1:3000' } }),
    };
    expect(() => resolveConfig(['--config', 'x', '--against', 'main'], new Date(), ROOT, running)).toThrow(
      /--against builds the app at another commit from its folder/,
    );
  });

  it('exits 2 with one line for a config mistake, before anything starts', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-bench-cli-'));
    dirs.push(dir);
    const file = path.join(dir, 'mutation-bench.config.ts');
    fs.writeFileSync(file, `export default ${JSON.stringify(broken((c) => (c.reset = 'never')))};`);
    const run = spawnSync(
      process.execPath,
      ['--import', TSX, path.join(ROOT, 'commands', 'bench.ts'), '--config', file],
      {
        cwd: dir,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      'mutation-bench: mutation-bench.config.ts: reset: give \'none\', { url: "/api/reset" } (POSTed before every page load) or { command: "<a shell command>" }',
    ]);
  });

  it('loads a config in a CommonJS package (its package.json without "type": "module") as in an ES module one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-bench-cjs-'));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "commonjs" }\n');
    fs.mkdirSync(path.join(dir, 'app'));
    fs.writeFileSync(
      path.join(dir, 'mutation-bench.config.ts'),
      `const config = ${JSON.stringify(VALID)};\nexport default config;\n`,
    );
    // Loaded and checked: the next refusal is of the flag.
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        TSX,
        path.join(ROOT, 'commands', 'bench.ts'),
        '--config',
        'mutation-bench.config.ts',
        '--suite',
        'probes',
      ],
      { cwd: dir, encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toMatch(/^mutation-bench: --suite probes reads the fixture's own pages/);
  });
});
