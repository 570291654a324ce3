import type { Claim } from '../results/schema';
import { SEED_000, SEED_002 } from './verdicts';


/** A claim of DESIGN's table that no suite of this version measures: listed, never silently left out. */
export interface UnmeasuredClaim {
  id: string;
  source: string;
  quote: string;
  /** What would measure it: the scenario or probe it needs. */
  needs: string;
}

/** The claims of C5–C15 (../shared/DESIGN.md "Claims under test") with no measurement yet, quoted short from their seed files. */
export const UNMEASURED_CLAIMS: readonly UnmeasuredClaim[] = [
  { id: 'C11', source: SEED_000, quote: 'Use Promise.all inside Server Actions if you need to hit multiple services.', needs: "a rule over the parallel scenario's cells (measured with --scenarios parallel and shown in its section: the time until all 5 show, each request's start and end)" },
  { id: 'C14', source: SEED_002, quote: 'useOptimistic hook plus an action gives you Twitter-style instant UX in a few lines.', needs: "a rule over the optimistic scenario's cells (measured with --scenarios optimistic and shown in its section: the time to the optimistic paint, and its rise with RTT in the accuracy panel)" },
  { id: 'C15', source: SEED_002, quote: 'Long-running streaming responses : server-sent events, file downloads, large CSV exports. Streaming HTTP responses is more idiomatic.', needs: "a rule over the export and payload scenarios' cells (measured with --scenarios export,payload and shown in their sections: time to first byte, total time, the server's peak RSS and its rise, and the action's 2 MB refusal)" },
];

/** The claim as the report lists it: `not-measured`, saying what would measure it. */
export function unmeasured(claim: UnmeasuredClaim): Claim {
  return { id: claim.id, source: claim.source, quote: claim.quote, verdict: 'not-measured', summary: `Not measured by this version of mutation-bench: it needs ${claim.needs}.`, evidence: [] };
}
