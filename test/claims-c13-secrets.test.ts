import { describe, expect, it } from 'vitest';
import { c13 } from '../runner/analyse/claims/c13-secrets';
import type { ProbeResults } from '../runner/contract/results';
import { claim, evaluated, probes, read } from './claims-support';

describe('C13: server-only secrets', () => {
  const evidence = (containing: string[]) => [
    {
      where: 'a build with a client component importing the server-only module',
      buildFailed: true,
      message: "'server-only' cannot be imported from a Client Component module",
    },
    { where: 'client build output (.next/static)', files: 312, bytes: 4_100_000, containing },
    {
      where: 'browser: every response of the probe page and its action call',
      responses: 25,
      bytes: 1_200_000,
      containing: [],
    },
    { where: 'server used the secret', action: true, route: true, actionResponseScanned: true },
  ];

  it('gives what was scanned, in files and MB, and the build guard', () => {
    expect(read(claim('C13', 'supported', evidence([])))).toBe(
      'The server-only secret, used by both the action and the Route Handler, was in none of 312 client build files (4.1 MB) and in none of 25 responses the browser loaded (1.2 MB). Imported into a client component by mistake, the build failed.',
    );
    expect(read(claim('C13', 'refuted', evidence(['static/chunks/app/page.js'])))).toContain(
      'was in 1 (static/chunks/app/page.js) of 312 client build files (4.1 MB)',
    );
  });
});

describe('C13: the rule', () => {
  const secrets = (parts: Partial<NonNullable<ProbeResults['secrets']>> = {}) => ({
    clientFiles: { scanned: 312, bytes: 4_100_000, containing: [] },
    browser: { responses: 25, bytes: 1_200_000, containing: [] },
    actionUsedSecret: true,
    routeUsedSecret: true,
    signatureSeen: true,
    ...parts,
  });

  it('is supported when a secret the server used is nowhere the client is, refuted where it leaked', () => {
    const clean = evaluated(c13, {
      probes: probes({
        secrets: secrets(),
        builds: { actionIds: [], serverOnlyMisuse: { buildFailed: true, message: 'server-only' } },
      }),
    });
    expect(clean.verdict).toBe('supported');
    expect(read(clean)).toContain('Imported into a client component by mistake, the build failed.');
    const leaked = secrets({ clientFiles: { scanned: 312, bytes: 4_100_000, containing: ['chunks/app.js'] } });
    expect(evaluated(c13, { probes: probes({ secrets: leaked }) }).verdict).toBe('refuted');
  });

  it('is inconclusive when the server did not use the secret or the scan missed the action response', () => {
    const unused = evaluated(c13, { probes: probes({ secrets: secrets({ actionUsedSecret: false }) }) });
    expect(unused.verdict).toBe('inconclusive');
    expect(read(unused)).toContain('which the server did not use (so its absence proves nothing)');
    expect(evaluated(c13, { probes: probes({ secrets: secrets({ signatureSeen: false }) }) }).verdict).toBe(
      'inconclusive',
    );
  });

  it('is not measured without the probes suite', () => {
    expect(evaluated(c13, {}).verdict).toBe('not-measured');
  });
});
