import { describe, expect, it } from 'vitest';
import { claimLine, jsonSummary, LINE_WIDTH, terminalSummary } from '../reports/terminal';
import { medianInterval } from '../runner/stats/interval';
import { syntheticResults } from './results-fixture';

describe('the terminal summary', () => {
  const results = syntheticResults();
  const text = terminalSummary(results, '/runs/r 1/index.html');
  const lines = text.split('\n');

  it("ends with the report's file:// link, after a table per scenario", () => {
    expect(lines.at(-1)).toBe('Report: file:///runs/r%201/index.html');
    expect(text).toMatch(/revalidate: add an item .*\n╔/);
  });

  it('keeps every claim to one line under 100 characters, its verdict beside its id', () => {
    for (const claim of results.claims) {
      const line = claimLine(claim);
      expect(line.length).toBeLessThanOrEqual(LINE_WIDTH);
      expect(line.startsWith(`${claim.id.padEnd(4)} ${claim.verdict}`)).toBe(true);
      expect(lines).toContain(line);
    }
    expect(claimLine({ id: 'C9', verdict: 'refuted', qualifier: 'x'.repeat(200), summary: '' })).toMatch(/…$/);
  });

  it("shows each cell's median with its CI and each route variant's difference from the action with its CI", () => {
    for (const cell of results.browser!.cells) {
      const [lo, hi] = medianInterval(cell.samplesMs).ci95;
      const row = lines.find((line) => line.includes(` ${cell.variant} `) && line.includes(` ${cell.rttMs} ms `))!;
      expect(row).toMatch(new RegExp(`${cell.medianMs.toFixed(1)} │ +${lo.toFixed(1)}–${hi.toFixed(1)} │`));
      const versus = results.browser!.comparisons.find(
        (c) => c.a === cell.variant && c.b === 'action' && c.rttMs === cell.rttMs,
      );
      if (versus) expect(row).toContain(`(${versus.ci95[0] >= 0 ? '+' : '−'}${Math.abs(versus.ci95[0]).toFixed(1)} to`);
      else expect(row).toContain('baseline');
    }
  });

  it('prints the bottom line between the claims and the tables', () => {
    expect(lines.indexOf('The bottom line:')).toBeGreaterThan(lines.indexOf(claimLine(results.claims.at(-1)!)));
    expect(lines.indexOf('The bottom line:')).toBeLessThan(lines.findIndex((line) => line.startsWith('╔')));
  });

  it("--json's document is results.json's numbers, unrounded", () => {
    const summary = jsonSummary(results, '/runs/x/index.html');
    expect(summary.runId).toBe(results.runId);
    expect(summary.comparisons).toBe(results.browser!.comparisons);
    expect(summary.browser.map((cell) => cell.medianMs)).toEqual(results.browser!.cells.map((cell) => cell.medianMs));
    expect(summary.claims.map((claim) => claim.verdict)).toEqual(results.claims.map((claim) => claim.verdict));
  });
});
