import { z } from 'zod';
import { cite, notMeasured, RowVerdictSchema, type ClaimModule, type ProbeInput } from './claim-module';
import { allOf, SEED_002, type Verdict } from './verdicts';
import { list } from './words';

/** One action called from a plain HTTP client with its id alone. */
const CalledRow = z.object({
  action: z.string(),
  importedByClient: z.boolean(),
  inBuild: z.boolean(),
  status: z.number().nullable(),
  persisted: z.boolean(),
  verdict: RowVerdictSchema,
});
/** One extra build (--build-probes): how many action ids stayed the same. */
const BuildRow = z.object({
  build: z.string(),
  actions: z.number(),
  sameAsMeasured: z.number(),
  verdict: RowVerdictSchema,
});
const Row = z.union([CalledRow, BuildRow]);
type CalledRow = z.infer<typeof CalledRow>;
type BuildRow = z.infer<typeof BuildRow>;

const rebuilt = (ids: readonly Pick<BuildRow, 'build' | 'actions' | 'sameAsMeasured'>[]) =>
  ids.length
    ? `Rebuilt from the same sources: ${ids.map((row) => `${row.build}, ${row.sameAsMeasured} of ${row.actions} ids unchanged`).join('; ')}.`
    : 'Whether ids stay the same across builds was not measured (run with --build-probes).';

/**
 * C8: every action, the one no client imports included, is callable from a plain HTTP client with its id alone;
 * with --build-probes, "stable" too: the same sources built again give every action the same id (with the fixed
 * key; the build without it shows what the key does).
 */
export const c08: ClaimModule<z.infer<typeof Row>, ProbeInput> = {
  id: 'C8',
  source: SEED_002,
  quote:
    'Next.js generates a stable POST endpoint for every action. Anything that mutates state should authorize as if it were an API route.',
  requires: { suites: ['probes'] },
  evidence: Row,
  evaluate({ probes }) {
    const rows = probes?.publicActions ?? [];
    if (!rows.length) return notMeasured(c08);
    const callable = rows.map((row) => ({ ...row, verdict: (row.persisted ? 'supported' : 'refuted') as Verdict }));
    const ids = probes?.builds?.actionIds ?? [];
    const stability = ids.map((row) => ({
      ...row,
      verdict: (row.build === 'again with the key'
        ? row.sameAsMeasured === row.actions
          ? 'supported'
          : 'refuted'
        : 'not-measured') as Verdict,
    }));
    const describe = (row: (typeof rows)[number]) =>
      `${row.action} (${row.importedByClient ? 'imported by a client' : 'imported by no client'}): ${!row.inBuild ? 'not in the build' : `answered ${row.status}, ${row.persisted ? 'mutation persisted' : 'nothing persisted'}`}`;
    return {
      ...cite(c08),
      // "Every action", "stable": one that cannot be called, or an id that changed with the key fixed, refutes it.
      verdict: allOf(
        [...callable, ...stability.filter((row) => row.verdict !== 'not-measured')].map((row) => row.verdict),
      ),
      summary: `Called from a plain HTTP client with only the action id from the build's manifest: ${rows.map(describe).join('; ')}. ${rebuilt(ids)}`,
      evidence: [...callable, ...stability],
    };
  },
  headline(rows) {
    const callable = rows.filter((row): row is CalledRow => 'importedByClient' in row);
    if (!callable.length) return null;
    const ids = rows.filter((row): row is BuildRow => 'build' in row);
    const persisted = callable.filter((row) => row.persisted);
    const unimported = persisted.filter((row) => !row.importedByClient);
    const failed = callable.filter((row) => !row.persisted);
    const describe = (row: CalledRow) =>
      `${row.action} (${row.importedByClient ? '' : 'imported by no client, '}${row.inBuild ? `answered ${row.status ?? 'nothing'}` : 'not in the build'})`;
    return `Called from a plain HTTP client with only its id, ${persisted.length} of ${callable.length} actions persisted their mutation${
      unimported.length ? `, including ${list(unimported.map((row) => row.action))}, which no client imports` : ''
    }${failed.length ? `; not callable: ${list(failed.map(describe))}` : ''}. ${rebuilt(ids)}`;
  },
  headings: {
    action: 'action',
    importedByClient: 'imported by a client',
    inBuild: 'in the build',
    status: 'status',
    persisted: 'persisted',
    verdict: 'verdict',
    build: 'build',
    actions: 'actions',
    sameAsMeasured: 'same as measured',
  },
};
