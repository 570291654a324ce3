import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

describe("the micro suite's transports, decoded as Next's Node server decodes them", () => {
  // React's server half needs the react-server condition, as in runner/measure/micro/micro.ts.
  const output = execFileSync(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', 'test/support/transport-check.ts'],
    {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
      encoding: 'utf8',
    },
  );
  const checked = JSON.parse(output) as Record<string, { value?: unknown; error?: string }>;

  it('round-trips plain arguments, FormData and route JSON to what was sent', () => {
    expect(checked.args).toEqual({ value: ['abc', 'hello'] });
    expect(checked.formData).toEqual({ value: { scope: 'abc', textLength: 1024 * 1024 } });
    expect(checked.route).toEqual({ value: { scope: 'abc', text: 'hello' } });
  });

  it('refuses a 1 MB string beside a second argument and takes it alone, as the real action does (test/e2e/fixture.test.ts)', () => {
    expect(checked.twoArgumentsOneMegabyte!.error).toMatch(/^Maximum array nesting exceeded/);
    expect(checked.oneArgumentOneMegabyte).toEqual({ value: 1024 * 1024 });
  });
});
