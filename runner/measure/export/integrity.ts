import { z } from 'zod';
import { UserError } from '../../core/errors';
import type { IntegrityAnswer } from '../http/target';
import { ACKNOWLEDGED_COUNTER } from './artillery';

export interface IntegrityRow {
  scenario: string;
  acknowledged: number;
  persisted: number;
  duplicated: number;
  /** null when sound; else what went wrong, in words. */
  problem: string | null;
}

const ReportSchema = z.object({ aggregate: z.object({ counters: z.record(z.string(), z.number()) }) });

/** From Artillery's JSON report (`artillery run --output`): the run's tag and the mutations acknowledged per scenario. */
export function acknowledgedFromReport(report: unknown): { tag: string; acknowledged: Record<string, number> } {
  const parsed = ReportSchema.safeParse(report);
  if (!parsed.success)
    throw new UserError(
      'the report is not an Artillery JSON report: pass the file written by artillery run --output FILE',
    );
  const found = Object.entries(parsed.data.aggregate.counters).flatMap(([name, count]) => {
    const match = ACKNOWLEDGED_COUNTER.exec(name);
    return match ? [{ tag: match[1]!, scenario: match[2]!, count }] : [];
  });
  const tags = [...new Set(found.map((row) => row.tag))];
  if (tags.length === 0)
    throw new UserError(
      'the report counts no acknowledged mutation: was it written by a test exported by mutation-bench, and did any request succeed?',
    );
  if (tags.length > 1)
    throw new UserError(
      `the report holds more than one test run (tags ${tags.join(', ')}): pass the report of one artillery run`,
    );
  return { tag: tags[0]!, acknowledged: Object.fromEntries(found.map((row) => [row.scenario, row.count])) };
}

/**
 * Acknowledged against persisted, per scenario. An arrival-rate test waits for every user it started, so the two
 * must be equal: fewer persisted lost acknowledged writes; more persisted were written but not acknowledged
 * (a timeout or a broken connection after the server wrote); a scope written twice is a duplicate.
 */
export function compareIntegrity(
  acknowledged: Record<string, number>,
  persisted: IntegrityAnswer['scenarios'],
): IntegrityRow[] {
  const scenarios = [
    ...new Set([
      ...Object.keys(acknowledged),
      ...Object.keys(persisted).filter((scenario) => persisted[scenario]!.mutations > 0),
    ]),
  ].sort();
  return scenarios.map((scenario) => {
    const acked = acknowledged[scenario] ?? 0;
    const counts = persisted[scenario] ?? { mutations: 0, duplicated: 0 };
    const problem =
      counts.mutations < acked
        ? `${acked - counts.mutations} acknowledged mutations were not persisted`
        : counts.duplicated > 0
          ? `${counts.duplicated} scopes were written more than once`
          : counts.mutations > acked
            ? `${counts.mutations - acked} mutations persisted without an acknowledgement (timed out or failed after the write)`
            : null;
    return { scenario, acknowledged: acked, persisted: counts.mutations, duplicated: counts.duplicated, problem };
  });
}
