import { describe, expect, it } from 'vitest';
import { c08 } from '../runner/analyse/claims/c08-public-endpoints';
import { claim, evaluated, probes, read } from './claims-support';

describe('C8: public, stable endpoints', () => {
  const called = (
    action: string,
    importedByClient: boolean,
    inBuild: boolean,
    status: number | null,
    persisted: boolean,
  ) => ({
    action,
    importedByClient,
    inBuild,
    status,
    persisted,
    verdict: persisted ? 'supported' : 'refuted',
  });

  it('counts the actions callable by id, the unimported one included, and the ids kept across builds', () => {
    const ids = [
      { build: 'again with the key', actions: 3, sameAsMeasured: 3, verdict: 'supported' },
      { build: 'without the key', actions: 3, sameAsMeasured: 0, verdict: 'not-measured' },
    ];
    expect(
      read(
        claim('C8', 'supported', [
          called('increment', true, true, 200, true),
          called('unusedExport', false, true, 200, true),
          ...ids,
        ]),
      ),
    ).toBe(
      'Called from a plain HTTP client with only its id, 2 of 2 actions persisted their mutation, including unusedExport, which no client imports. Rebuilt from the same sources: again with the key, 3 of 3 ids unchanged; without the key, 0 of 3 ids unchanged.',
    );
  });

  it('names the action that could not be called, and says stability was not measured', () => {
    expect(
      read(
        claim('C8', 'refuted', [
          called('increment', true, true, 200, true),
          called('unusedExport', false, false, null, false),
        ]),
      ),
    ).toBe(
      'Called from a plain HTTP client with only its id, 1 of 2 actions persisted their mutation; not callable: unusedExport (imported by no client, not in the build). Whether ids stay the same across builds was not measured (run with --build-probes).',
    );
  });
});

describe('C8: the rule', () => {
  const action = (name: string, importedByClient: boolean, persisted: boolean) => ({
    action: name,
    importedByClient,
    inBuild: true,
    status: persisted ? 200 : 404,
    persisted,
  });
  const builds = (sameWithKey: number) => ({
    actionIds: [
      { build: 'again with the key' as const, actions: 3, sameAsMeasured: sameWithKey },
      { build: 'without the key' as const, actions: 3, sameAsMeasured: 0 },
    ],
    serverOnlyMisuse: { buildFailed: true, message: null },
  });

  it('is supported when every action, the unimported one included, is callable and ids stay with the key', () => {
    const result = evaluated(c08, {
      probes: probes({
        publicActions: [action('increment', true, true), action('unused', false, true)],
        builds: builds(3),
      }),
    });
    expect(result.verdict).toBe('supported');
    // The build without the key shows what the key does: it decides nothing.
    expect(result.evidence.at(-1)).toMatchObject({ build: 'without the key', verdict: 'not-measured' });
    expect(read(result)).toContain(
      '2 of 2 actions persisted their mutation, including unused, which no client imports',
    );
  });

  it('is refuted by an action that cannot be called or an id that changed with the key fixed', () => {
    const publicActions = [action('increment', true, true), action('unused', false, false)];
    expect(evaluated(c08, { probes: probes({ publicActions }) }).verdict).toBe('refuted');
    expect(
      evaluated(c08, { probes: probes({ publicActions: [action('increment', true, true)], builds: builds(2) }) })
        .verdict,
    ).toBe('refuted');
  });

  it('is not measured without the probes suite', () => {
    expect(evaluated(c08, {}).verdict).toBe('not-measured');
  });
});
