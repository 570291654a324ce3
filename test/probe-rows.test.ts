import { describe, expect, it } from 'vitest';
import { probeRowChanges, probeRows } from '../runner/analyse/compare/probe-rows';
import { matrixResultsOf } from '../runner/analyse/sections';
import { DEFAULT_BAND } from '../runner/analyse/compare/compare';
import type { CsrfOrigin, ProbeResults, Results, VersionSection } from '../runner/contract/results';
import { versionsSection } from '../reports/comparison-section';

// The probe rows a version matrix compares version by version (runner/analyse/compare/probe-rows.ts) and how the
// report names the ones that changed.

const csrf = (origin: CsrfOrigin, persisted: boolean, status: number | null) => ({
  transport: 'action' as const,
  path: '/counter/action',
  origin,
  status,
  persisted,
});
const probes = (rows: NonNullable<ProbeResults['csrf']>, extra: Partial<ProbeResults> = {}): ProbeResults => ({
  clientJs: [],
  transportCode: [],
  csrf: rows,
  ...extra,
});
const version = (next: string, probeResults: ProbeResults | undefined): VersionSection => ({
  label: `next@${next}`,
  next,
  react: '19.3.1',
  reactDom: '19.3.1',
  bundler: 'turbopack',
  installDir: null,
  reusedInstall: true,
  browser: undefined,
  http: undefined,
  probes: probeResults,
  claims: [],
});
const refusing = [csrf('foreign', false, 403), csrf('null', false, 403), csrf('none', true, 200)];

describe('probeRows', () => {
  it('names every behavioural probe row by what it sends, its outcome in words', () => {
    const rows = probeRows(
      probes([csrf('null', false, 403), csrf('spoofed host', true, 200)], {
        noJs: { status: 200, countBefore: '0', countAfter: '1', persisted: true },
        caching: {
          action: { method: 'POST', status: 200, cacheControl: 'no-store' },
          routes: [{ route: 'default', path: '/api/items', status: 200, cacheControl: null, freshAfterMutation: true }],
        },
        publicActions: [
          { action: 'incrementUnused', importedByClient: false, inBuild: true, status: 200, persisted: true },
        ],
        middleware: [{ request: 'action', method: 'POST', path: '/probe/payload', status: 200, proxySaw: 'saw POST' }],
        secrets: {
          clientFiles: { scanned: 30, bytes: 600_000, containing: [] },
          browser: { responses: 9, bytes: 500_000, containing: ['chunk.js'] },
          actionUsedSecret: true,
          routeUsedSecret: true,
          signatureSeen: true,
        },
        builds: {
          actionIds: [{ build: 'without the key', actions: 6, sameAsMeasured: 0 }],
          serverOnlyMisuse: { buildFailed: true, message: 'server-only' },
        },
      }),
    );
    expect(rows.map((row) => `${row.claim} ${row.row}: ${row.outcome}`)).toEqual([
      'C5 action /counter/action, Origin null: rejected (403)',
      'C5 action /counter/action, a foreign Origin with a matching Host: accepted (200)',
      'C6 the form bound to an action, JavaScript disabled: persisted (200)',
      "C7 the action's POST: 200, Cache-Control: no-store",
      'C7 GET /api/items (default caching): fresh after a mutation (200), Cache-Control: none',
      'C8 action incrementUnused called with its id: persisted (200)',
      'C8 action ids, built without the key: 0 of 6 as measured',
      'C13 a client component importing the server-only module: build failed',
      'C12 action, POST /probe/payload: seen by the proxy (200)',
      'C13 the secret in client build files: absent',
      'C13 the secret in what the browser loaded: found in 1',
    ]);
    expect(probeRows(undefined)).toEqual([]);
  });
});

describe('probeRowChanges', () => {
  it('names a row whose outcome changed, with both versions, and leaves the unchanged rows out', () => {
    const changes = probeRowChanges([
      version('16.4.6', probes(refusing)),
      version('16.5.0', probes([csrf('foreign', false, 403), csrf('null', true, 200), csrf('none', true, 200)])),
    ]);
    expect(changes).toEqual([
      {
        claim: 'C5',
        row: 'action /counter/action, Origin null',
        baseline: 'next@16.4.6',
        candidate: 'next@16.5.0',
        before: 'rejected (403)',
        after: 'accepted (200)',
      },
    ]);
  });

  it('counts a status alone as a change, compares each version with the one before, and keeps a row one lacks', () => {
    const changes = probeRowChanges([
      version('15.5.29', probes(refusing)),
      version('16.4.6', probes([csrf('foreign', false, 500), ...refusing.slice(1)])),
      version('16.5.0', probes([...refusing.slice(1).map((row) => ({ ...row })), csrf('malformed', false, 500)])),
    ]);
    expect(changes.map((c) => `${c.baseline} → ${c.candidate}: ${c.row}: ${c.before} → ${c.after}`)).toEqual([
      'next@15.5.29 → next@16.4.6: action /counter/action, Origin foreign: rejected (403) → rejected (500)',
      'next@16.4.6 → next@16.5.0: action /counter/action, Origin foreign: rejected (500) → null',
      'next@16.4.6 → next@16.5.0: action /counter/action, a malformed Origin: null → rejected (500)',
    ]);
  });

  it('names a caching row by its route, not by the scope each run and version probes it with', () => {
    const caching = (scope: string): Partial<ProbeResults> => ({
      caching: {
        action: { method: 'POST', status: 200, cacheControl: 'no-store' },
        routes: [
          {
            route: 'default',
            path: `/api/revalidate?scope=${scope}`,
            status: 200,
            cacheControl: null,
            freshAfterMutation: true,
          },
        ],
      },
    });
    expect(
      probeRowChanges([
        version('16.4.6', probes(refusing, caching('probe-c7-mxdxosx1'))),
        version('16.5.0', probes(refusing, caching('probe-c7-mxdxp0ty'))),
      ]),
    ).toEqual([]);
  });

  it('finds nothing with one version, equal probes, or no probes at all', () => {
    expect(probeRowChanges([version('16.5.0', probes(refusing))])).toEqual([]);
    expect(probeRowChanges([version('16.4.6', probes(refusing)), version('16.5.0', probes(refusing))])).toEqual([]);
    expect(probeRowChanges([version('16.4.6', undefined), version('16.5.0', undefined)])).toEqual([]);
  });

  it('is part of the matrix analysis builds, so that a recompute rebuilds it', () => {
    const measured = (next: string, rows: NonNullable<ProbeResults['csrf']>) => {
      const { browser: _browser, http: _http, claims: _claims, ...section } = version(next, probes(rows));
      return { version: section };
    };
    const matrix = matrixResultsOf({
      versions: [measured('16.4.6', refusing), measured('16.5.0', [csrf('foreign', true, 200), ...refusing.slice(1)])],
      repeats: [],
      warmups: [],
      run: { profile: 'standard', minLoads: 4 },
      band: DEFAULT_BAND,
    });
    expect(matrix.probeChanges?.map((c) => `${c.row}: ${c.before} → ${c.after}`)).toEqual([
      'action /counter/action, Origin foreign: rejected (403) → accepted (200)',
    ]);
  });
});

describe('versionsSection: the probe rows that changed', () => {
  const matrix = (
    versions: VersionSection[],
    probeChanges = probeRowChanges(versions),
  ): NonNullable<Results['matrix']> => ({ versions, band: DEFAULT_BAND, comparisons: [], probeChanges });

  it('lists each changed row with both versions’ outcomes, escaped', () => {
    const html = versionsSection(
      matrix([
        version('16.4.6', probes(refusing)),
        version('16.5.0', probes([csrf('foreign', false, 403), csrf('null', true, 200), csrf('none', true, 200)])),
      ]),
    );
    expect(html).toContain('<h3>Probe rows that changed between versions</h3>');
    expect(html).toContain(
      '<tr><td>C5</td><td>action /counter/action, Origin null</td><td>next@16.4.6: rejected (403)</td><td>next@16.5.0: accepted (200)</td></tr>',
    );
    const evil = versionsSection(
      matrix(
        [version('16.4.6', probes(refusing)), version('16.5.0', probes(refusing))],
        [
          {
            claim: 'C5',
            row: '<script>',
            baseline: 'next@16.4.6',
            candidate: 'next@16.5.0',
            before: null,
            after: 'accepted (200)',
          },
        ],
      ),
    );
    expect(evil).toContain('<td>&lt;script&gt;</td><td>next@16.4.6: not probed</td>');
  });

  it('says that no row differs, with how many versions', () => {
    const html = versionsSection(
      matrix([
        version('16.3.8', probes(refusing)),
        version('16.4.6', probes(refusing)),
        version('16.5.0', probes(refusing)),
      ]),
    );
    expect(html).toContain('<p>No probe row differs between the 3 versions.</p>');
  });

  it('says nothing when the results predate the comparison, or no version ran the probes', () => {
    const { probeChanges: _absent, ...older } = matrix([
      version('16.4.6', probes(refusing)),
      version('16.5.0', probes(refusing)),
    ]);
    const old = versionsSection(older);
    expect(old).not.toContain('Probe rows');
    const unprobed = versionsSection(matrix([version('16.4.6', undefined), version('16.5.0', undefined)]));
    expect(unprobed).not.toContain('Probe rows');
  });
});
