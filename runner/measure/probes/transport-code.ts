import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { APP_DIR } from '../fixture/app-server';
import type { Scenario } from '../../scenarios';

/**
 * Lines of code as C9 counts them: lines holding at least one token that is not a comment or whitespace, found
 * with TypeScript's own scanner (a `//` inside a string or a JSX text is code; a line inside a block comment is not).
 */
export function countCodeLines(source: string, jsx = true): number {
  const scanner = ts.createScanner(
    ts.ScriptTarget.Latest,
    false,
    jsx ? ts.LanguageVariant.JSX : ts.LanguageVariant.Standard,
    source,
  );
  const newlines = [...source.matchAll(/\n/g)].map((match) => match.index);
  const lines = new Set<number>();
  // The line of a position: how many newlines come before it.
  const lineOf = (position: number) => {
    let [low, high] = [0, newlines.length];
    while (low < high) {
      const middle = (low + high) >> 1;
      if (newlines[middle]! < position) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.SingleLineCommentTrivia || token === ts.SyntaxKind.MultiLineCommentTrivia) continue;
    if (token === ts.SyntaxKind.WhitespaceTrivia || token === ts.SyntaxKind.NewLineTrivia) continue;
    // A multi-line token (a template literal, a JSX text) counts on every line it spans.
    for (
      let line = lineOf(scanner.getTokenStart());
      line <= lineOf(Math.max(scanner.getTokenEnd() - 1, scanner.getTokenStart()));
      line++
    )
      lines.add(line);
  }
  return lines.size;
}

export interface TransportCodeRow {
  scenario: string;
  variant: string;
  lines: number;
  files: { path: string; lines: number }[];
}

/** C9's count per scenario variant, from the files the catalogue names as that transport's own (paths under bench-app). */
export function measureTransportCode(scenarios: readonly Scenario[], appDir = APP_DIR): TransportCodeRow[] {
  return scenarios.flatMap((scenario) =>
    Object.entries(scenario.transportFiles).map(([variant, paths]) => {
      const files = paths.map((file) => ({
        path: file,
        lines: countCodeLines(fs.readFileSync(path.join(appDir, file), 'utf8'), file.endsWith('x')),
      }));
      return { scenario: scenario.id, variant, lines: files.reduce((sum, file) => sum + file.lines, 0), files };
    }),
  );
}
