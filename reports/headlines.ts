import { CLAIMS } from '../runner/analyse/claims/claims';
import type { Claim } from '../runner/contract/results';

/**
 * One claim's answer in plain words, with its numbers and conditions, for the report's first screen: its module's
 * headline over the evidence rows its schema reads (runner/analyse/claims/cNN-*.ts), never numbers the run does not hold.
 */
export function headline(claim: Claim): string {
  if (claim.verdict === 'not-measured' || claim.evidence.length === 0) return notMeasured(claim.summary);
  // A claim with no module (or rows its schema cannot read, or no words of its own) answers with its summary.
  const finding = findingOf(claim) ?? claim.summary;
  return claim.verdict === 'inconclusive' ? `Inconclusive: ${lowerFirst(finding)}` : finding;
}

function findingOf(claim: Claim): string | null {
  const module = CLAIMS.find((candidate) => candidate.id === claim.id);
  if (!module) return null;
  const rows = claim.evidence.flatMap((row) => {
    const read = module.evidence.safeParse(row);
    return read.success ? [read.data] : [];
  });
  return rows.length ? module.headline(rows) : null;
}

/** Lower-cases a sentence's first word to follow a colon, unless it is a name ("JavaScript", "GET"). */
const lowerFirst = (text: string) =>
  /^[A-Z][a-z]*(?![A-Za-z])/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;

function notMeasured(summary: string): string {
  const reason = summary.replaceAll('`', '');
  return reason.startsWith('Not measured') ? reason : `Not measured in this run: ${lowerFirst(reason)}`;
}
