import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');

/** Every rule .dependency-cruiser.cjs names that some import of `folders` (under `cwd`) breaks, as "rule: from → to". */
async function violations(cwd: string, folders: string[]): Promise<string[]> {
  const options = await extractDepcruiseOptions(CONFIG);
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    const { output } = await cruise(folders, { ...options, ruleSet: options.ruleSet, validate: true });
    return (output as ICruiseResult).summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
  } finally {
    process.chdir(previous);
  }
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-bench-layers-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('layers (.dependency-cruiser.cjs): measure -> run folder -> analyse -> results.json -> present', () => {
  it('holds in this tree: no import circle, the fixture alone, each stage importing only what lies below it', async () => {
    expect(await violations(ROOT, ['bench-app', 'commands', 'runner', 'reports'])).toEqual([]);
  }, 60_000);

  it('keeps the top of runner/ to its stages and shared layers: no loose modules', () => {
    const loose = fs
      .readdirSync(path.join(ROOT, 'runner'), { withFileTypes: true })
      .filter((entry) => !entry.isDirectory());
    expect(loose.map((entry) => entry.name)).toEqual([]);
  });

  it('finds each broken rule in a tree made to break them', async () => {
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true });
      fs.writeFileSync(path.join(scratch, file), text);
    };
    const imports = (from: string, to: string) =>
      write(
        from,
        `import { x } from '${path
          .relative(path.dirname(from), to)
          .replace(/^(?!\.)/, './')
          .replace(/\.ts$/, '')}';\nexport const y = x;\n`,
      );
    const leaf = (file: string) => write(file, 'export const x = 1;\n');
    write('runner/measure/a.ts', "import { b } from './b';\nexport const a = () => b;\nexport const x = 1;\n");
    write('runner/measure/b.ts', "import { a } from './a';\nexport const b = () => a;\n");
    imports('bench-app/page.ts', 'runner/core/config.ts');
    leaf('runner/core/config.ts');
    imports('runner/measure/run.ts', 'runner/analyse/analyse.ts');
    imports('runner/analyse/analyse.ts', 'runner/measure/browser.ts');
    leaf('runner/measure/browser.ts');
    imports('runner/contract/store.ts', 'runner/analyse/cells.ts');
    leaf('runner/analyse/cells.ts');
    imports('reports/render.ts', 'runner/measure/probe.ts');
    leaf('runner/measure/probe.ts');
    imports('runner/stats/mean.ts', 'runner/contract/results.ts');
    leaf('runner/contract/results.ts');
    imports('reports/html.ts', 'commands/report.ts');
    leaf('commands/report.ts');
    write('tsconfig.json', '{}\n');
    expect((await violations(scratch, ['bench-app', 'commands', 'runner', 'reports'])).sort()).toEqual([
      'analysis-measures-nothing: runner/analyse/analyse.ts → runner/measure/browser.ts',
      'fixture-stands-alone: bench-app/page.ts → runner/core/config.ts',
      'measurement-judges-nothing: runner/measure/run.ts → runner/analyse/analyse.ts',
      // A circle is reported once, at the edge where the cruise first closes it.
      'no-circular: runner/measure/a.ts → runner/measure/b.ts',
      'only-commands-start-things: reports/html.ts → commands/report.ts',
      'reports-read-results: reports/render.ts → runner/measure/probe.ts',
      'shared-layers-stay-below: runner/contract/store.ts → runner/analyse/cells.ts',
      'stats-are-pure: runner/stats/mean.ts → runner/contract/results.ts',
    ]);
  }, 60_000);
});
