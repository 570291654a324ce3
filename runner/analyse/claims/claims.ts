import type { Claim } from '../../contract/results';
import type { ClaimInput, ClaimModule } from './claim-module';
import { c01 } from './c01-feels-faster';
import { c02 } from './c02-one-round-trip';
import { c03 } from './c03-less-latency';
import { c04a, c04b } from './c04-throughput';
import { c05 } from './c05-csrf';
import { c06 } from './c06-no-javascript';
import { c07 } from './c07-never-cached';
import { c08 } from './c08-public-endpoints';
import { c09 } from './c09-boilerplate';
import { c10 } from './c10-less-javascript';
import { c11 } from './c11-promise-all';
import { c12 } from './c12-middleware';
import { c13 } from './c13-secrets';
import { c14 } from './c14-instant-optimistic';
import { c15 } from './c15-streaming';

export type { ClaimInput } from './claim-module';
export { modalRoundTrips } from './c02-one-round-trip';

/** Every claim of DESIGN's table, in its order: one module each (claim-module.ts), one line here. */
export const CLAIMS: readonly ClaimModule[] = [
  c01,
  c02,
  c03,
  c04a,
  c04b,
  c05,
  c06,
  c07,
  c08,
  c09,
  c10,
  c11,
  c12,
  c13,
  c14,
  c15,
];

/** Every claim's result, in the table's order; a claim whose suite or scenario did not run is `not-measured`, saying what would measure it. */
export function evaluateClaims(input: ClaimInput): Claim[] {
  return CLAIMS.map((claim) => claim.evaluate(input));
}
