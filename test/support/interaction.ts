import type { InteractionOutcome, InteractionResult } from '../../runner/measure/browser/session';

/** The interaction's measurement; fails the test when it never committed (its requests answered, its state never shown). */
export function committed(outcome: InteractionOutcome): InteractionResult {
  if (!outcome.committed) throw new Error(`the page never showed ${outcome.expected} within ${outcome.waitedMs} ms`);
  const { committed: _committed, ...result } = outcome;
  return result;
}
