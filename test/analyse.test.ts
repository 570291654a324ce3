import { describe, expect, it } from 'vitest';
import { UserError } from '../runner/core/errors';
import { analyse, type LoadRecords } from '../runner/analyse/analyse';
import { runRecordOf } from '../runner/analyse/compat';
import type { Results, Sample } from '../runner/contract/results';
import { syntheticResults, syntheticSamples } from './results-fixture';

const NOW = new Date('2026-12-02T06:00:00Z');
const samples = syntheticSamples([0, 60], 10);
/** A run as recorded: the config keys today's statistics read, and the samples it measured. */
const recorded = (): Results =>
  syntheticResults({
    config: { profile: 'standard', scenarios: ['revalidate'], rttMs: [0, 60], nMin: 24, perPageLoad: 3, warmup: 1 },
  });
const withoutStamp = ({ recomputedAt: _, ...rest }: Results) => rest;
/** As `npm run report -- --recompute` does with a folder written before run.json: its results.json holds the record. */
const recomputeResults = (old: Results, measured: readonly Sample[], load: LoadRecords, now: Date): Results => ({
  ...analyse({ record: runRecordOf(old), samples: measured, load }),
  recomputedAt: now.toISOString(),
});

describe('analyse, on a run folder written before run.json', () => {
  it('rebuilds what an older rule got wrong, and changes nothing twice', () => {
    const today = recomputeResults(recorded(), samples, { repeats: [], warmups: [] }, NOW);
    expect(today.recomputedAt).toBe(NOW.toISOString());
    // As an older version might have written it: a too-narrow interval and a verdict it no longer supports.
    const old = recorded();
    const comparison = old.browser!.comparisons[0]!;
    comparison.ci95 = [comparison.diffMedianMs - 0.01, comparison.diffMedianMs + 0.01];
    old.claims[0]!.verdict = 'supported';
    old.browser!.cells[0]!.medianMs = 1;
    const rebuilt = recomputeResults(old, samples, { repeats: [], warmups: [] }, NOW);
    expect(withoutStamp(rebuilt)).toEqual(withoutStamp(today));
    expect(withoutStamp(recomputeResults(rebuilt, samples, { repeats: [], warmups: [] }, NOW))).toEqual(
      withoutStamp(rebuilt),
    );
  });

  it('keeps what samples cannot rebuild: the sampling decisions, probes, environment and failures', () => {
    const old = recorded();
    old.browser!.groups[0]!.state = 'budget';
    const rebuilt = recomputeResults(old, samples, { repeats: [], warmups: [] }, NOW);
    expect(rebuilt.browser!.groups).toEqual(old.browser!.groups);
    expect(rebuilt.environment).toEqual(old.environment);
    expect(rebuilt.failures).toEqual(old.failures);
    // The budget-stopped group's comparisons stay gated: recomputing does not turn them into verdicts.
    const inGroup = rebuilt.browser!.comparisons.filter((c) => c.rttMs === old.browser!.groups[0]!.rttMs);
    expect(inGroup.length).toBeGreaterThan(0);
    expect(inGroup.every((c) => c.sampling === 'budget')).toBe(true);
  });

  it('keeps a failed cell failed, from failedArms or (older runs) from the failures', () => {
    const old = recorded();
    delete old.browser!.failedArms;
    old.failures = [{ scenario: 'revalidate', variant: 'route-refresh', rttMs: 60, message: 'did not show the item' }];
    const fromFailures = recomputeResults(old, samples, { repeats: [], warmups: [] }, NOW);
    const failed = fromFailures
      .browser!.comparisons.filter((c) => c.sampling === 'failed')
      .map((c) => `${c.a}@${c.rttMs}`);
    expect(failed).toEqual(['route-refresh@60']);
    expect(fromFailures.browser!.failedArms).toEqual(['revalidate/route-refresh@60']);
    // Recorded since: used as it is.
    const recordedArms = recomputeResults(
      { ...old, failures: [], browser: { ...old.browser!, failedArms: ['revalidate/route-json@0'] } },
      samples,
      { repeats: [], warmups: [] },
      NOW,
    );
    expect(
      recordedArms.browser!.comparisons.filter((c) => c.sampling === 'failed').map((c) => `${c.a}@${c.rttMs}`),
    ).toEqual(['route-json@0']);
  });

  it.each([
    [{ profile: 'standard' }, /its config lacks scenarios/],
    [
      { profile: 'standard', scenarios: ['gallery'], rttMs: [0], nMin: 6, perPageLoad: 3 },
      /measured scenario "gallery", which this version does not know/,
    ],
  ])('refuses a run it cannot recompute: %j', (config, message) => {
    expect(() => recomputeResults(syntheticResults({ config }), samples, { repeats: [], warmups: [] }, NOW)).toThrow(
      UserError,
    );
    expect(() => recomputeResults(syntheticResults({ config }), samples, { repeats: [], warmups: [] }, NOW)).toThrow(
      message,
    );
  });
});
