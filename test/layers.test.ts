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

describe('layers (.dependency-cruiser.cjs): bench-app -> runner -> reports', () => {
  it('holds in this tree: no import circle, the fixture alone, reports read only where a run ends, pure stats', async () => {
    expect(await violations(ROOT, ['bench-app', 'runner', 'reports', 'scripts'])).toEqual([]);
  }, 60_000);

  it('finds each broken rule in a tree made to break them', async () => {
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true });
      fs.writeFileSync(path.join(scratch, file), text);
    };
    write('runner/a.ts', "import { b } from './b';\nexport const a = () => b;\n");
    write('runner/b.ts', "import { a } from './a';\nexport const b = () => a;\n");
    write('bench-app/page.ts', "import { a } from '../runner/a';\nexport const page = a;\n");
    write('runner/probe.ts', "import { render } from '../reports/render';\nexport const probe = render;\n");
    write('runner/stats/mean.ts', "import { probe } from '../probe';\nexport const mean = probe;\n");
    write('reports/render.ts', 'export const render = 1;\n');
    write('tsconfig.json', '{}\n');
    expect((await violations(scratch, ['bench-app', 'runner', 'reports'])).sort()).toEqual([
      'fixture-stands-alone: bench-app/page.ts → runner/a.ts',
      'measurement-does-not-present: runner/probe.ts → reports/render.ts',
      // A circle is reported once, at the edge where the cruise first closes it.
      'no-circular: runner/a.ts → runner/b.ts',
      'stats-are-pure: runner/stats/mean.ts → runner/probe.ts',
    ]);
  }, 60_000);
});
