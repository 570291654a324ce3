import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { USAGE } from '../runner/core/config';

describe('docs/flags.md', () => {
  it('holds `npm run bench -- --help` as it prints, so the two never drift apart', () => {
    const doc = fs.readFileSync(path.join(import.meta.dirname, '..', 'docs', 'flags.md'), 'utf8');
    expect(doc).toContain(`\`\`\`\n${USAGE}\n\`\`\``);
  });
});
