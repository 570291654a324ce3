import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ResultsSchema } from '../../runner/contract/results';
import { ROOT, fixtureProcesses, run, spawnCommand, type Exit } from '../support/cli';

/** A config as a user writes it, changed field by field to get each one wrong. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any field may be set to any wrong value
type Editable = any;

const EXAMPLE = path.join(ROOT, 'examples', 'guestbook');
const CONFIG = path.join(EXAMPLE, 'mutation-bench.config.ts');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-bench-app-'));
/** A broken copy of the example beside it (inside the project, so that it resolves the same packages). */
const broken = path.join(ROOT, 'examples', `.broken-${process.pid}`);
afterAll(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.rmSync(broken, { recursive: true, force: true });
});

/** `npx mutation-bench …` from the project, as README tells a user. */
function npx(args: string[]): Promise<Exit> {
  return spawnCommand('npx', ['mutation-bench', ...args], { env: { ...process.env, CI: 'true' } });
}

/** The example's config with `edit` applied, written to the scratch folder, its app.dir pointing at `appDir`. */
async function configVariant(name: string, edit: (config: Editable) => void, appDir = EXAMPLE): Promise<string> {
  const { default: config } = (await import(CONFIG)) as { default: Editable };
  const copy = structuredClone(config);
  copy.app = { ...copy.app, dir: appDir };
  edit(copy);
  const file = path.join(scratch, `${name}.config.ts`);
  fs.writeFileSync(file, `export default ${JSON.stringify(copy, null, 2)};\n`);
  return file;
}

describe('a user app measured from its config alone (examples/guestbook)', () => {
  it('npx mutation-bench --config: cells for each variant, the A/A twin, known answers, load cells with integrity, a report', async () => {
    const out = path.join(scratch, 'run');
    const exit = await npx(['--config', CONFIG, '--profile', 'quick', '--rtt', '0,60', '--out', out, '--seed', '7']);
    expect(exit.code, exit.stderr).toBe(0);
    const results = ResultsSchema.parse(JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')));
    expect(results.complete).toBe(true);
    expect(results.app?.configFile).toBe(path.relative(ROOT, CONFIG));
    expect(results.scenarios.map((scenario) => scenario.id)).toEqual(['sign']);
    expect(results.claims).toEqual([]);
    const variants = new Set(results.browser!.cells.map((cell) => `${cell.scenario}/${cell.variant}`));
    expect([...variants].sort()).toEqual(['sign/action', 'sign/route']);
    expect(results.browser!.aa.map((row) => row.variant)).toContain('action');
    expect(results.browser!.comparisons.some((row) => row.a === 'route' && row.b === 'action')).toBe(true);
    // The known answer: the rise from RTT 0 to 60 ms, one round trip each as the config states.
    const rises = results.browser!.accuracy.filter((row) => row.reference && row.rttMs === 60);
    expect(rises.map((row) => row.variant).sort()).toEqual(['action', 'route']);
    expect(rises.every((row) => row.expectedRoundTrips === 1)).toBe(true);
    // Under load, integrity counted through the config's persisted.url: every acknowledged write was stored.
    const load = results.http!.cells.filter((cell) => cell.scenario === 'sign');
    expect(load.length).toBeGreaterThan(0);
    for (const cell of load) expect(cell.failed, `${cell.variant}`).toBeNull();
    const report = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(report).toContain('the variants of');
    expect(report).toMatch(/sign: route against action was/);
    expect(fixtureProcesses()).toEqual([]);
  }, 600_000);

  it('npm run bench -- --config measures it the same way (browser suite)', async () => {
    const out = path.join(scratch, 'npm-run');
    const exit = await spawnCommand('npm', [
      ...['run', '-s', 'bench', '--', '--config', CONFIG],
      ...['--profile', 'quick', '--suite', 'browser', '--out', out],
    ]);
    expect(exit.code, exit.stderr).toBe(0);
    const results = ResultsSchema.parse(JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')));
    expect(results.browser!.cells.map((cell) => cell.variant).sort()).toEqual(['action', 'route']);
  }, 600_000);
});

describe("a user's mistake found on the app: one line naming scenario, variant and fix, exit 2, nothing left running", () => {
  const refused = async (file: string, expected: RegExp) => {
    const exit = await run('commands/bench.ts', [
      '--config',
      file,
      '--profile',
      'quick',
      '--suite',
      'browser',
      '--out',
      path.join(scratch, `${path.basename(file)}.run`),
    ]);
    expect(exit.code, exit.stderr).toBe(2);
    const lines = exit.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(expected);
    expect(fixtureProcesses()).toEqual([]);
  };

  it(
    'a trigger that is not on the page',
    async () =>
      refused(
        await configVariant(
          'trigger',
          (config) => (config.scenarios.sign.interaction.trigger = { role: 'button', name: 'Sing' }),
        ),
        /^mutation-bench: sign\/action on \/action: the trigger .*Sing.* was not on the page within \d+ ms: fix scenarios\.sign\.interaction\.trigger/,
      ),
    180_000,
  );

  it(
    'a page that never shows the expected text',
    async () =>
      refused(
        await configVariant(
          'expect',
          (config) =>
            (config.scenarios.sign.interaction.expect = [
              { selector: 'ul[aria-label="entries"] > li', text: 'never {label}' },
            ]),
        ),
        /^mutation-bench: sign\/action on \/action: the page did not show "never .*" in ul\[aria-label="entries"\] > li within \d+ ms after the click, though its requests were answered: fix scenarios\.sign\.interaction\.expect/,
      ),
    180_000,
  );

  it('an app that fails to build', async () => {
    fs.cpSync(EXAMPLE, broken, {
      recursive: true,
      filter: (source) => !/[/\\](\.next|node_modules)($|[/\\])/.test(source),
    });
    // A page that does not compile: its build fails.
    fs.writeFileSync(path.join(broken, 'app', 'page.tsx'), 'export default function Page( {\n');
    await refused(
      await configVariant('build', () => undefined, broken),
      /^mutation-bench: the app in .*\.broken-\d+ failed to build: next build failed \(exit 1\).*fix the app/,
    );
  }, 300_000);
});
