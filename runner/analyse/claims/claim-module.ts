import { z } from 'zod';
import { Verdict, type BrowserResults, type Claim, type HttpResults, type ProbeResults } from '../../contract/results';
import type { RunConditions } from './gating';
import { list } from './words';

/** What a claim is judged on: the run's conditions and the sections it measured. */
export interface ClaimInput {
  run: RunConditions;
  browser?: BrowserResults;
  http?: HttpResults;
  probes?: ProbeResults;
}

/** What the probe claims read (and all they need: their probes are exact, no run condition gates them). */
export type ProbeInput = Pick<ClaimInput, 'probes'>;

/**
 * What measures a claim: the suites (any one of them) and the scenarios it reads. A claim with nothing to judge says
 * it in these words (requirementWords).
 */
export interface Requirement {
  suites: readonly ('browser' | 'http' | 'probes')[];
  scenarios?: readonly string[];
  /** What else it needs, said after the flag. */
  condition?: string;
  /** The sentence instead, where a claim's words predate the pattern (kept so results.json does not change). */
  words?: string;
}

/** "Needs …": what would measure a claim, with the flag that runs it. */
export function requirementWords({ suites, scenarios = [], condition, words }: Requirement): string {
  if (words) return words;
  const named = `the ${list(scenarios)} scenario${scenarios.length > 1 ? 's' : ''}`;
  const where = suites.includes('probes')
    ? 'the probes suite (`--suite probes`)'
    : suites.includes('http') && suites.includes('browser')
      ? `${named} in the browser or under HTTP load`
      : suites.includes('http')
        ? `the HTTP suite with ${named}`
        : `${named} in the browser (--scenarios ${scenarios.join(',')})`;
  return `Needs ${where}${condition ? `, ${condition}` : ''}.`;
}

/** Every key of every shape a row can take (keyof a union gives only the keys all its shapes share). */
type KeysOf<Row> = Row extends unknown ? keyof Row & string : never;

/**
 * One claim, whole: what it quotes, what measures it, the rule (evaluate), the shape of its evidence rows, and the
 * words and column labels the report gives them. runner/analyse/claims/claims.ts registers it; reports/ reads it by id.
 */
export interface ClaimModule<Row extends object = Record<string, unknown>, Input = ClaimInput> {
  id: string;
  source: string;
  quote: string;
  requires: Requirement;
  /** One evidence row, in any of its shapes: what evaluate writes, validated when the report reads it back. */
  evidence: z.ZodType<Row>;
  /** Pure: the verdict, its words and its evidence rows. */
  evaluate(input: Input): Claim;
  /** The finding in plain words for the report's first screen, from rows the schema read; null: the summary says it. */
  headline(rows: readonly Row[]): string | null;
  /** The evidence table's column labels, units included: one for every key a row can have. */
  headings: Readonly<Record<KeysOf<Row>, string>>;
}

/** The claim's id, source and quote, in results.json's order, to open its result with. */
export const cite = ({ id, source, quote }: Pick<ClaimModule, 'id' | 'source' | 'quote'>) => ({ id, source, quote });

/** The result of a claim with nothing to judge: not measured, saying what would measure it. */
export function notMeasured(
  claim: Pick<ClaimModule, 'id' | 'source' | 'quote' | 'requires'>,
  evidence: Claim['evidence'] = [],
): Claim {
  return { ...cite(claim), verdict: 'not-measured', summary: requirementWords(claim.requires), evidence };
}

// Pieces of the evidence rows' schemas.
export const IntervalSchema = z.tuple([z.number(), z.number()]);
export const RowVerdictSchema = Verdict;
/** Set when a gate held the row back (gating.ts): the row then decides nothing. */
export const GateReasonSchema = z.string().optional();
