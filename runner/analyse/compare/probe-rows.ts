import type { ProbeResults, ProbeRowChange, VersionSection } from '../../contract/results';
import { originShort } from '../claims/c05-csrf';

/** One probe row: the claim it feeds, what it is (the same words in every version), and its outcome in words. */
interface ProbeRow {
  claim: string;
  row: string;
  outcome: string;
}

const status = (code: number | null) => (code === null ? 'no answer' : String(code));
const found = (files: readonly string[]) => (files.length ? `found in ${files.length}` : 'absent');

/**
 * Every probe row that has an identity of its own and a behaviour for an outcome: what was accepted, answered,
 * cached, seen or found. Page JavaScript sizes are left to the version section's table of exact counts, and each
 * variant's lines of code are the same source in every version.
 */
export function probeRows(probes: ProbeResults | undefined): ProbeRow[] {
  if (!probes) return [];
  const { csrf = [], noJs, caching, publicActions = [], middleware = [], secrets, builds } = probes;
  return [
    ...csrf.map((r) => ({
      claim: 'C5',
      row: `${r.transport} ${r.path}, ${originShort(r.origin)}`,
      outcome: `${r.persisted ? 'accepted' : 'rejected'} (${status(r.status)})`,
    })),
    ...(noJs
      ? [
          {
            claim: 'C6',
            row: 'the form bound to an action, JavaScript disabled',
            outcome: `${noJs.persisted ? 'persisted' : 'not persisted'} (${status(noJs.status)})`,
          },
        ]
      : []),
    ...(caching
      ? [
          {
            claim: 'C7',
            row: "the action's POST",
            outcome: `${caching.action.status}, Cache-Control: ${caching.action.cacheControl ?? 'none'}`,
          },
          ...caching.routes.map((r) => ({
            claim: 'C7',
            // The path carries the probe's own scope, new in every run and version: the route is its identity.
            row: `GET ${r.path.split('?')[0]} (${r.route} caching)`,
            outcome: `${r.freshAfterMutation ? 'fresh' : 'stale'} after a mutation (${r.status}), Cache-Control: ${r.cacheControl ?? 'none'}`,
          })),
        ]
      : []),
    ...publicActions.map((r) => ({
      claim: 'C8',
      row: `action ${r.action} called with its id`,
      outcome: r.inBuild ? `${r.persisted ? 'persisted' : 'not persisted'} (${status(r.status)})` : 'not in the build',
    })),
    ...(builds
      ? [
          ...builds.actionIds.map((r) => ({
            claim: 'C8',
            row: `action ids, built ${r.build}`,
            outcome: `${r.sameAsMeasured} of ${r.actions} as measured`,
          })),
          {
            claim: 'C13',
            row: 'a client component importing the server-only module',
            outcome: builds.serverOnlyMisuse.buildFailed ? 'build failed' : 'built',
          },
        ]
      : []),
    ...middleware.map((r) => ({
      claim: 'C12',
      row: `${r.request}, ${r.method} ${r.path}`,
      outcome: `${r.proxySaw ? 'seen by the proxy' : 'not seen by the proxy'} (${r.status})`,
    })),
    ...(secrets
      ? [
          { claim: 'C13', row: 'the secret in client build files', outcome: found(secrets.clientFiles.containing) },
          { claim: 'C13', row: 'the secret in what the browser loaded', outcome: found(secrets.browser.containing) },
        ]
      : []),
  ];
}

/**
 * Each version against the one listed before it: the probe rows whose outcome differs, a row one of them lacks
 * included (its outcome null). The probes are exact, so any difference is a changed behaviour, not noise.
 */
export function probeRowChanges(versions: readonly Pick<VersionSection, 'label' | 'probes'>[]): ProbeRowChange[] {
  const byKey = (probes: ProbeResults | undefined) =>
    new Map(probeRows(probes).map((row) => [`${row.claim} ${row.row}`, row]));
  return versions.slice(1).flatMap((candidate, index) => {
    const baseline = versions[index]!;
    const before = byKey(baseline.probes);
    const after = byKey(candidate.probes);
    return [...new Set([...before.keys(), ...after.keys()])].flatMap((key) => {
      const [was, is] = [before.get(key), after.get(key)];
      if (was?.outcome === is?.outcome) return [];
      const { claim, row } = (was ?? is)!;
      return [
        {
          claim,
          row,
          baseline: baseline.label,
          candidate: candidate.label,
          before: was?.outcome ?? null,
          after: is?.outcome ?? null,
        },
      ];
    });
  });
}
