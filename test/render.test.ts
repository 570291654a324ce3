import escapeHtml from 'escape-html';
import { describe, expect, it } from 'vitest';
import { headline } from '../reports/headlines';
import { evidenceLabel, renderReport, reproduceCommand } from '../reports/render';
import { syntheticResults } from './results-fixture';

describe('renderReport', () => {
  it('renders every section with n, CIs, verdicts and the environment', () => {
    const html = renderReport(syntheticResults(), '/* chart.js */');
    for (const text of [
      'Latency against RTT',
      'id="latency-revalidate"',
      'What was compared',
      'Claims',
      'Scenario <code>revalidate</code>',
      'Accuracy',
      'A/A control',
      'Environment',
      'route-refresh − action',
      '95% CI',
    ]) {
      expect(html).toContain(text);
    }
    expect(html).toMatch(/C1 <span class="badge \w+">(supported|refuted|depends|inconclusive)<\/span>/);
    expect(html).toContain('/* chart.js */');
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });

  it("answers on the first screen: every claim's verdict and headline in words, linked to its evidence", () => {
    const results = syntheticResults();
    const html = renderReport(results, '');
    const glance = html.slice(html.indexOf('<h2>Verdicts</h2>'), html.indexOf('<h2>Latency against RTT'));
    expect(glance.length).toBeGreaterThan(0);
    for (const claim of results.claims) {
      expect(glance).toContain(`<a href="#claim-${claim.id}">${claim.id}</a>`);
      expect(glance).toContain(escapeHtml(headline(claim)));
      expect(html).toContain(`id="claim-${claim.id}"`);
    }
  });

  it('draws a request waterfall per scenario only when its cells carry their median interaction', () => {
    const canvases = (html: string) => (html.match(/<canvas /g) ?? []).length;
    const results = syntheticResults();
    // Runs from before the median interaction was kept.
    for (const cell of results.browser!.cells) delete cell.medianInteraction;
    const before = renderReport(results, '');
    expect(before).not.toContain('id="waterfall-');
    for (const cell of results.browser!.cells) {
      Object.assign(cell, {
        medianInteraction: {
          latencyMs: cell.medianMs,
          requests: [
            { method: 'POST', path: `/revalidate/${cell.variant}`, status: 200, startMs: 1, endMs: cell.medianMs - 1 },
          ],
        },
      });
    }
    const after = renderReport(results, '');
    expect(after).toContain('<h2>One interaction, request by request</h2>');
    expect(after).toContain('id="waterfall-revalidate"');
    expect(after).toContain('"waterfalls":[{"scenario":"revalidate"');
    expect(canvases(after)).toBe(canvases(before) + 1);
  });

  it("badges each accuracy row: shown within its tolerance, not shown, missed by its CI, Chrome's own, or no known answer with why", () => {
    const results = syntheticResults();
    const [row] = results.browser!.accuracy;
    const withRow = (changes: object) =>
      renderReport({ ...results, browser: { ...results.browser!, accuracy: [{ ...row!, ...changes }] } }, '');
    expect(
      withRow({
        reference: true,
        withinTolerance: true,
        errorMs: 1,
        toleranceMs: 5,
        ci95: [row!.expectedIncreaseMs - 3, row!.expectedIncreaseMs + 5],
      }),
    ).toContain('badge ok">within ±5 (CI)');
    // The burden is on the instrument: a CI reaching past the tolerance has not shown the known answer, whatever its point.
    expect(
      withRow({
        reference: true,
        withinTolerance: true,
        errorMs: 1,
        toleranceMs: 5,
        ci95: [row!.expectedIncreaseMs - 6, row!.expectedIncreaseMs + 8],
      }),
    ).toContain('not shown: the CI reaches past ±5');
    expect(
      withRow({
        reference: true,
        withinTolerance: false,
        errorMs: 20,
        toleranceMs: 5,
        ci95: [row!.expectedIncreaseMs + 15, row!.expectedIncreaseMs + 25],
      }),
    ).toContain('missed by more than 5 (CI)');
    expect(withRow({ reference: false })).toContain("Chrome's own scheduling");
    const unknown = withRow({
      reference: false,
      noKnownAnswer: 'Chromium re-sends <the upload>',
      errorMs: 100,
      ci95: [0, 1],
    });
    expect(unknown).toContain('no known answer</span> Chromium re-sends &lt;the upload&gt;');
    expect(unknown).not.toContain('missed by more than');
  });

  it('links the files beside it: results.json, every sample as CSV, the history files', () => {
    const html = renderReport(syntheticResults(), '');
    for (const file of ['results.json', 'samples.csv.gz', 'bencher.json', 'benchmark-action.json'])
      expect(html).toContain(`<a href="${file}">`);
    expect(renderReport(syntheticResults({ browser: undefined }), '')).not.toContain('samples.csv.gz');
  });

  it('says when the numbers were recomputed from the samples', () => {
    expect(renderReport(syntheticResults(), '')).not.toContain('recomputed from its samples');
    expect(renderReport(syntheticResults({ recomputedAt: '2026-12-02T06:00:00.000Z' }), '')).toContain(
      'numbers and verdicts recomputed from its samples on 2026-12-02T06:00:00.000Z',
    );
  });

  it('says how to measure the run again: its checkout, its flags without --out, and its seed', () => {
    const environment = syntheticResults().environment;
    expect(reproduceCommand({ ...environment, argv: [], seed: 221, gitSha: 'abc123' })).toBe(
      'git checkout abc123 && npm ci && npm run bench -- --seed 221',
    );
    expect(
      reproduceCommand({
        ...environment,
        argv: ['--suite', 'http', '--out', '/tmp/x', '--scenarios=counter', '--seed', '7'],
        seed: 7,
        gitSha: 'abc123+dirty',
      }),
    ).toBe(
      'git checkout abc123 (the run had uncommitted changes) && npm ci && npm run bench -- --suite http --scenarios=counter --seed 7',
    );
    expect(reproduceCommand({ ...environment, argv: ['--target', "https://x.example/?a=b c'd"], seed: 1 })).toContain(
      `--target 'https://x.example/?a=b c'\\''d' --seed 1`,
    );
    expect(renderReport(syntheticResults(), '')).toContain('(none: the defaults)');
  });

  it('labels evidence columns in words with units, never as JSON keys', () => {
    expect(
      ['rttMs', 'diffMs', 'ci95', 'routeRefreshRoundTrips', 'actionPerSec', 'responseStartMs'].map(evidenceLabel),
    ).toEqual([
      'RTT (ms)',
      'difference (ms)',
      '95% CI',
      'route refresh round trips',
      'action per sec',
      'response start (ms)',
    ]);
    const html = renderReport(syntheticResults(), '');
    const headers = [...html.matchAll(/<table class="evidence"><thead><tr>(.*?)<\/tr><\/thead>/g)].flatMap((match) =>
      [...match[1]!.matchAll(/<th>(.*?)<\/th>/g)].map((th) => th[1]!),
    );
    expect(headers.length).toBeGreaterThan(0);
    for (const header of headers) expect(header).not.toMatch(/[a-z][A-Z]|^ci\d/);
  });

  it('escapes every string that comes from results.json', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const results = syntheticResults({
      runId: evil,
      complete: false,
      failures: [{ scenario: evil, variant: '"><script>alert(2)</script>', rttMs: 0, message: evil }],
    });
    results.environment.cpu = evil;
    results.claims[0]!.summary = evil;
    // A headline quotes evidence values (a Route Handler's path here) into the first screen.
    const csrf = (transport: string) => ({
      transport,
      path: evil,
      origin: 'foreign',
      status: 200,
      persisted: true,
      verdict: transport === 'action' ? 'refuted' : 'not-measured',
    });
    results.claims = results.claims.map((claim) =>
      claim.id === 'C5' ? { ...claim, verdict: 'refuted' as const, evidence: [csrf('action'), csrf('route')] } : claim,
    );
    expect(headline(results.claims.find((claim) => claim.id === 'C5')!)).toContain(evil);
    const html = renderReport(results, '');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>alert(2)');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('keeps embedded chart data from closing its script element', () => {
    const results = syntheticResults();
    results.browser!.cells[0]!.variant = '</script><script>alert(3)</script>';
    const html = renderReport(results, '');
    expect(html).not.toContain('</script><script>alert(3)');
  });
});
