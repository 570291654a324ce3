import { z } from 'zod';
import type { HttpRatio } from '../../contract/results';
import {
  cite,
  GateReasonSchema,
  IntervalSchema,
  notMeasured,
  RowVerdictSchema,
  type ClaimInput,
  type ClaimModule,
} from './claim-module';
import { httpGate } from './gating';
import { ratioRow } from './select';
import { combineVerdicts, SEED_002, type Verdict } from './verdicts';
import { fixed, fmtCi, gatedNote, heldBack, percent } from './words';

/** C4b's band: action throughput within this fraction of the route's counts as "not as different". */
export const C4_BAND = 0.15;

// C4a and C4b read the same ratios (the counter's action / route throughput under load) with two tests: one module.

/** The counter's action / route throughput ratios under load, per encoding and connections. */
function c4Rows(input: ClaimInput) {
  const http = input.http;
  return (http?.ratios ?? [])
    .filter(
      (r) =>
        r.kind === 'comparison' &&
        r.scenario === 'counter' &&
        r.a === 'action' &&
        r.b === 'route' &&
        r.measure === 'interactionsPerSec',
    )
    .map((ratio) => ({ ratio, gate: httpGate(http!, input.run, ratio) }));
}

const direction = (ratio: HttpRatio) =>
  `the action's throughput is ${Math.abs((1 - ratio.estimate) * 100).toFixed(0)}% ${ratio.estimate < 1 ? 'lower' : 'higher'} (action / route ${ratio.estimate.toFixed(2)}, 95% ${fmtCi(ratio.ci95, 2)}) with ${ratio.encoding === 'gzip' ? "the browser's gzip" : 'no compression'} at ${ratio.connections} connections`;

/** C4's words: which way a refutation goes, which encoding a dependence splits on, why nothing was decided. */
function c4Qualifier(
  rows: readonly { verdict: Verdict; encoding: string; reason?: string }[],
  refuted: string,
): { qualifier?: string } {
  const verdict = combineVerdicts(rows.map((row) => row.verdict));
  if (verdict === 'refuted') return { qualifier: refuted };
  if (verdict === 'depends')
    return { qualifier: `on compression: ${rows.map((row) => `${row.verdict} with ${row.encoding}`).join(', ')}` };
  if (verdict === 'inconclusive') {
    const reason = rows.find((row) => row.reason)?.reason;
    return { qualifier: reason ? `held back: ${reason}` : 'the interval reaches past the bound' };
  }
  return {};
}

const byEncoding = (verdicts: { verdict: Verdict; encoding: string }[]) => {
  const verdict = combineVerdicts(verdicts.map((row) => row.verdict));
  if (verdict !== 'depends') return '';
  return ` It depends on compression: ${verdicts.map((row) => `${row.verdict} with ${row.encoding}`).join(', ')}.`;
};

const ratioChange = (ratio: number) => `${percent(Math.abs(ratio - 1))} ${ratio < 1 ? 'lower' : 'higher'}`;
const encodingWords = (encoding: string) => (encoding === 'gzip' ? "with the browser's gzip" : 'without compression');

/** One ratio, action / route, with its test's verdict. */
const RatioRow = z.object({
  test: z.string(),
  estimate: z.number(),
  ci95: IntervalSchema,
  repeats: z.number(),
  connections: z.number(),
  encoding: z.string(),
  verdict: RowVerdictSchema,
  reason: GateReasonSchema,
});
const NotFasterRow = RatioRow.extend({ upperBound95: z.number() });
const EquivalenceRow = RatioRow.extend({ ci90: IntervalSchema });

const RATIO_HEADINGS = {
  test: 'test',
  estimate: 'estimate',
  ci95: '95% CI',
  repeats: 'load repeats',
  connections: 'connections',
  encoding: 'compression',
  verdict: 'verdict',
  reason: 'reason',
};

const REQUIRES = { suites: ['http'], scenarios: ['counter'] } as const;

/** C4a, one-sided: "actions are not faster" holds when the upper one-sided 95% bound of action / route is below 1. */
export const c04a: ClaimModule<z.infer<typeof NotFasterRow>> = {
  id: 'C4a',
  source: SEED_002,
  quote:
    'Performance: not as different as people think ... A common misconception is that Server Actions are "faster than API routes."',
  requires: REQUIRES,
  evidence: NotFasterRow,
  evaluate(input) {
    const rows = c4Rows(input).map(({ ratio, gate }) => ({
      test: 'not faster (one-sided 95%)',
      ...ratioRow(ratio),
      upperBound95: ratio.ci90[1],
      verdict: (gate
        ? 'inconclusive'
        : ratio.ci90[1] < 1
          ? 'supported'
          : ratio.ci90[0] > 1
            ? 'refuted'
            : 'inconclusive') as Verdict,
      ...(gate ? { reason: gate } : {}),
    }));
    if (!rows.length) return notMeasured(c04a);
    return {
      ...cite(c04a),
      verdict: combineVerdicts(rows.map((row) => row.verdict)),
      ...c4Qualifier(rows, 'the action is faster'),
      summary: `Counter under load: ${c4Rows(input)
        .map(({ ratio }) => direction(ratio))
        .join('; ')}.${byEncoding(rows)}${gatedNote(rows)}`,
      evidence: rows,
    };
  },
  headline(rows) {
    const conclusion = (row: (typeof rows)[number]) =>
      row.reason !== undefined
        ? 'held back'
        : row.verdict === 'supported'
          ? 'not faster'
          : row.verdict === 'refuted'
            ? 'faster'
            : 'undecided (the bound reaches 1)';
    const phrases = rows.map(
      (row) =>
        `${encodingWords(row.encoding)} at ${row.connections} connections the action's throughput is ${ratioChange(row.estimate)} than the route's (action / route ${fixed(row.estimate, 2)}, one-sided 95% upper bound ${fixed(row.upperBound95, 2)}): ${conclusion(row)}`,
    );
    return `Under load on the counter, ${phrases.join('; ')}.${heldBack(rows)}`;
  },
  headings: { ...RATIO_HEADINGS, upperBound95: '95% upper bound' },
};

/** C4b, equivalence: both one-sided 95% bounds of action / route inside 1 +- 15% supports; the 95% CI wholly outside refutes. */
export const c04b: ClaimModule<z.infer<typeof EquivalenceRow>> = {
  id: 'C4b',
  source: SEED_002,
  quote: 'Performance: not as different as people think',
  requires: REQUIRES,
  evidence: EquivalenceRow,
  evaluate(input) {
    const band: [number, number] = [1 - C4_BAND, 1 + C4_BAND];
    const rows = c4Rows(input).map(({ ratio, gate }) => {
      const equivalent = ratio.ci90[0] >= band[0] && ratio.ci90[1] <= band[1];
      const different = ratio.ci95[1] < band[0] || ratio.ci95[0] > band[1];
      return {
        test: `within ±${C4_BAND * 100}% (equivalence, 90% CI inside the band)`,
        ...ratioRow(ratio),
        ci90: ratio.ci90,
        verdict: (gate ? 'inconclusive' : equivalent ? 'supported' : different ? 'refuted' : 'inconclusive') as Verdict,
        ...(gate ? { reason: gate } : {}),
      };
    });
    if (!rows.length) return notMeasured(c04b);
    return {
      ...cite(c04b),
      verdict: combineVerdicts(rows.map((row) => row.verdict)),
      ...c4Qualifier(rows, `more different than claimed (outside ±${C4_BAND * 100}%)`),
      summary: `Counter under load, action / route throughput against ${band[0]}..${band[1]}: ${c4Rows(input)
        .map(({ ratio }) => direction(ratio))
        .join('; ')}.${byEncoding(rows)}${gatedNote(rows)}`,
      evidence: rows,
    };
  },
  headline(rows) {
    const band = `±${percent(C4_BAND)}`;
    const conclusion = (row: (typeof rows)[number]) =>
      row.reason !== undefined
        ? 'held back'
        : row.verdict === 'supported'
          ? `within ${band}`
          : row.verdict === 'refuted'
            ? `outside ${band}`
            : `undecided (the 90% CI crosses ${band})`;
    const phrases = rows.map(
      (row) =>
        `${fixed(row.estimate, 2)} (90% CI ${fixed(row.ci90[0], 2)} to ${fixed(row.ci90[1], 2)}) ${encodingWords(row.encoding)} at ${row.connections} connections: ${conclusion(row)}`,
    );
    return `Under load on the counter, action / route throughput is ${phrases.join('; ')}.${heldBack(rows)}`;
  },
  headings: { ...RATIO_HEADINGS, ci90: '90% CI (two one-sided 95%)' },
};
