import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CLAIMS, evaluateClaims } from '../runner/analyse/claims/claims';
import { bandVerdict, combineDirections, combineVerdicts, directionVerdict } from '../runner/analyse/claims/verdicts';
import { readResults } from '../runner/contract/store';
import { claim, read, run } from './claims-support';
import { syntheticResults } from './results-fixture';

// The registry and what every claim module owes it; each claim's own rule and words: test/claims-cNN-*.test.ts.

const recorded = readResults(path.join(import.meta.dirname, 'fixtures', 'runs', 'seed-951'));

describe('verdict rules', () => {
  it('combine per the DESIGN rule', () => {
    expect(combineVerdicts([])).toBe('not-measured');
    expect(combineVerdicts(['supported', 'supported'])).toBe('supported');
    expect(combineVerdicts(['refuted', 'supported', 'inconclusive'])).toBe('depends');
    expect(combineVerdicts(['refuted', 'inconclusive'])).toBe('inconclusive');
    expect(combineDirections(['refuted', 'inconclusive'])).toBe('refuted');
    expect(combineDirections(['inconclusive'])).toBe('inconclusive');
  });

  it('read a CI against a band and against parity', () => {
    expect(bandVerdict([55, 95], [50, 100])).toBe('supported');
    expect(bandVerdict([101, 140], [50, 100])).toBe('refuted');
    expect(bandVerdict([45, 55], [50, 100])).toBe('inconclusive');
    expect(directionVerdict([0.5, 0.7], 1, 'above')).toBe('refuted');
    expect(directionVerdict([0.5, 0.7], 1, 'below')).toBe('supported');
    expect(directionVerdict([0.9, 1.1], 1, 'below')).toBe('inconclusive');
  });
});

describe('a run that measured nothing', () => {
  it('lists every claim in order, each with its source, quote and what would measure it', () => {
    const claims = evaluateClaims({ run });
    expect(claims.map((claim) => claim.id)).toEqual([
      'C1',
      'C2',
      'C3',
      'C4a',
      'C4b',
      'C5',
      'C6',
      'C7',
      'C8',
      'C9',
      'C10',
      'C11',
      'C12',
      'C13',
      'C14',
      'C15',
    ]);
    for (const claim of claims) expect(claim.verdict).toBe('not-measured');
    const c11 = claims.find((claim) => claim.id === 'C11')!;
    expect(c11).toMatchObject({
      source: 'Next.js 15+ Server Actions vs API Routes: The Ultimate 2026 Comparison (untergletscher.com, 2026)',
      quote: 'Use Promise.all inside Server Actions if you need to hit multiple services.',
      evidence: [],
    });
    expect(c11.summary).toBe('Needs the parallel scenario in the browser (--scenarios parallel).');
    // Probe claims without the probes suite say what would measure them.
    expect(claims.find((claim) => claim.id === 'C5')!.summary).toBe('Needs the probes suite (`--suite probes`).');
  });
});

describe('every claim gets a headline', () => {
  it('a run that measured nothing says so for every claim', () => {
    const claims = evaluateClaims({ run: { profile: 'standard', minLoads: 8 } });
    for (const result of claims) {
      expect(read(result)).toMatch(/^Not measured/);
      expect(read(result)).not.toContain('`');
    }
  });

  it('every measured claim has words of its own but C1-C3 (the recorded run of seed 951)', () => {
    for (const result of recorded.claims.filter((result) => result.verdict !== 'not-measured'))
      // C1-C3 speak through their summaries (runner/analyse/claims writes them whole).
      if (!['C1', 'C2', 'C3'].includes(result.id))
        expect(read(result), result.id).not.toContain(result.summary.slice(1));
  });

  it('reads the rows the evaluators write (a synthetic run): C1 and C2 answer with their numbers', () => {
    const claims = syntheticResults().claims;
    const [c1, c2] = ['C1', 'C2'].map((id) => claims.find((result) => result.id === id)!);
    expect(read(c1!)).toMatch(/route-query in Chrome with input deferral off: [\d.]+ ms \+ [\d.]+ × RTT \(slope CI /);
    expect(read(c2!)).toMatch(/action 1 in 100% of \d+, route-refresh 2 in 100% of \d+/);
  });

  it('a claim it has no words for answers with its summary', () => {
    expect(read(claim('C99', 'supported', [{ x: 1 }], 'A new claim, summarized.'))).toBe('A new claim, summarized.');
    expect(read(claim('C99', 'inconclusive', [{ x: 1 }], 'A new claim, summarized.'))).toBe(
      'Inconclusive: a new claim, summarized.',
    );
  });
});

/** Every key a row schema names, through the unions of row shapes. */
function schemaKeys(schema: z.ZodType): string[] {
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  if (schema instanceof z.ZodUnion) return schema.options.flatMap((option) => schemaKeys(option as z.ZodType));
  throw new Error(`a row schema of objects or a union of them, not ${schema.constructor.name}`);
}

describe('the claim modules', () => {
  it("are registered once each, in the order of DESIGN's table", () => {
    expect(new Set(CLAIMS.map((claim) => claim.id)).size).toBe(CLAIMS.length);
    expect(evaluateClaims({ run }).map((result) => result.id)).toEqual(CLAIMS.map((claim) => claim.id));
  });

  it('label every key their evidence schema has, and nothing else', () => {
    for (const claim of CLAIMS) {
      const keys = [...new Set(schemaKeys(claim.evidence))];
      expect(
        keys.filter((key) => !(key in claim.headings)),
        claim.id,
      ).toEqual([]);
      expect(
        Object.keys(claim.headings).filter((key) => !keys.includes(key)),
        claim.id,
      ).toEqual([]);
    }
  });

  it('write only rows their schema reads, whole, on the recorded run of seed 951', () => {
    const { profile, nMin, perPageLoad, warmupRounds } = recorded.config as {
      profile: string;
      nMin: number;
      perPageLoad: number;
      warmupRounds: number;
    };
    const evaluated = evaluateClaims({
      run: { profile, minLoads: Math.ceil(nMin / perPageLoad), warmupRounds },
      browser: recorded.browser,
      http: recorded.http,
      probes: recorded.probes,
    });
    expect(evaluated.map((result) => result.verdict)).toEqual(recorded.claims.map((result) => result.verdict));
    for (const result of [...evaluated, ...recorded.claims]) {
      const module = CLAIMS.find((claim) => claim.id === result.id)!;
      for (const row of result.evidence) expect(module.evidence.parse(row), result.id).toEqual(row);
    }
  });
});
