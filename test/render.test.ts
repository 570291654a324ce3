import path from 'node:path';
import escapeHtml from 'escape-html';
import { describe, expect, it } from 'vitest';
import { headline } from '../reports/headlines';
import { BADGE_COLORS, contrastRatio, TEXT_COLORS, VARIANT_COLORS, variantStyles } from '../reports/html';
import { evidenceLabel, renderReport, reproduceCommand, withContents } from '../reports/render';
import { readResults } from '../runner/contract/store';
import { syntheticResults } from './results-fixture';

/** The recorded run published with the project: HTTP load cells, probes, waterfalls with first bytes. */
const recorded = () =>
  readResults(path.join(import.meta.dirname, '..', 'reports', 'published', '2026-12-02T06-07-32Z-s224'));

/** The chart data a report embeds for its script. */
interface Line {
  label: string;
  variant: string;
  shipped: boolean;
  points: { x: number; y: number }[];
}
interface ChartData {
  styles: Record<string, { color: string; dash: number[]; pattern: string }>;
  scenarios: {
    id: string;
    cdfs: { rttMs: number; lines: Line[] }[];
    latency: { variant: string }[];
    diff: { variant: string }[];
  }[];
  http: {
    id: string;
    conditions: string[];
    throughput: { variant: string; values: (number | null)[]; ci: ([number, number] | null)[] }[];
    percentiles: { variant: string }[];
    resources: { variant: string }[];
  }[];
  waterfalls: { datasets: { variant: string }[] }[];
}
const chartDataOf = (html: string): ChartData =>
  JSON.parse(/<script type="application\/json" id="chart-data">(.*?)<\/script>/s.exec(html)![1]!) as ChartData;

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

  it('splits the latency CDF per RTT: one chart per scenario and RTT, a line per variant at it', () => {
    const results = syntheticResults();
    const html = renderReport(results, '');
    const [scenario] = chartDataOf(html).scenarios;
    expect(scenario!.cdfs.map((cdf) => cdf.rttMs)).toEqual([0, 60]);
    for (const cdf of scenario!.cdfs) {
      const cells = results.browser!.cells.filter((cell) => cell.rttMs === cdf.rttMs);
      expect(cdf.lines.map((line) => line.variant)).toEqual(cells.map((cell) => cell.variant));
      expect(cdf.lines.map((line) => line.points.length)).toEqual(cells.map((cell) => cell.samplesMs.length));
      expect(html).toContain(`id="cdf-revalidate-${cdf.rttMs}"`);
    }
    expect(html).not.toContain('id="cdf-revalidate"');
  });

  it("draws each throughput bar's 95% CI: the chart data carries every bar's interval", () => {
    const results = recorded();
    const [revalidate] = chartDataOf(renderReport(results, '')).http.filter((chart) => chart.id === 'revalidate');
    expect(revalidate!.throughput.length).toBeGreaterThan(1);
    for (const bars of revalidate!.throughput) {
      bars.ci.forEach((ci, i) => {
        const cell = results.http!.cells.find(
          (c) =>
            c.scenario === 'revalidate' &&
            c.variant === bars.variant &&
            !c.twin &&
            `x${c.connections} ${c.encoding}` === revalidate!.conditions[i],
        )!;
        expect(ci).toEqual(cell.interactionsPerSecCi.ci95);
        expect(bars.values[i]).toBe(cell.interactionsPerSec);
      });
    }
  });

  it('gives each variant one style, the Server Action the first colour, whatever the order it comes in', () => {
    const styles = variantStyles(['route-refresh', 'route-json', 'action', 'route-json', 'floor']);
    expect(Object.keys(styles)).toEqual(['action', 'floor', 'route-json', 'route-refresh']);
    expect(styles).toEqual(variantStyles(['floor', 'action', 'route-refresh', 'route-json']));
    expect(styles.action).toEqual({ color: VARIANT_COLORS[0], dash: [], pattern: 'solid' });
    expect(variantStyles(['route', 'action']).action).toEqual(styles.action);
    // Told apart by more than colour: no two share a dash or a pattern, and, past the palette, no two share all.
    const many = Object.values(variantStyles(Array.from({ length: 24 }, (_, i) => `variant-${i}`)));
    expect(new Set(many.map((style) => `${style.color} ${style.dash.join(',')}`)).size).toBe(24);
    expect(new Set(Object.values(styles).map((style) => style.dash.join(','))).size).toBe(4);
    expect(new Set(Object.values(styles).map((style) => style.pattern)).size).toBe(4);
    for (const color of VARIANT_COLORS) expect(contrastRatio(color, '#ffffff')).toBeGreaterThanOrEqual(3);
  });

  it('draws a variant in the same style in every chart: one map for the page, every series named by its variant', () => {
    const html = renderReport(recorded(), '');
    const data = chartDataOf(html);
    const used = [
      ...data.scenarios.flatMap((s) => [
        ...s.cdfs.flatMap((cdf) => cdf.lines.map((line) => line.variant)),
        ...s.latency.map((line) => line.variant),
        ...s.diff.map((d) => d.variant),
      ]),
      ...data.http.flatMap((h) => [
        ...h.throughput.map((t) => t.variant),
        ...h.percentiles.map((p) => p.variant),
        ...h.resources.map((r) => r.variant),
      ]),
      ...data.waterfalls.flatMap((w) => w.datasets.map((d) => d.variant)),
    ];
    expect(new Set(used)).toEqual(new Set(Object.keys(data.styles)));
    expect(Object.keys(data.styles)[0]).toBe('action');
    // No chart picks colours of its own.
    expect(html).not.toMatch(/palette\[/);
  });

  it('keeps badges and coloured text at 4.5:1 or more', () => {
    for (const color of Object.values(BADGE_COLORS))
      expect(contrastRatio('#ffffff', color)).toBeGreaterThanOrEqual(4.5);
    for (const color of Object.values(TEXT_COLORS)) {
      expect(contrastRatio(color, '#ffffff')).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(color, '#f5f5f5')).toBeGreaterThanOrEqual(4.5);
    }
    const html = renderReport(syntheticResults(), '');
    expect(html).toContain(`.warn{background:${BADGE_COLORS.warn}}`);
    expect(html).not.toContain('#ef6c00');
  });

  it('names every chart and folds its numbers under it as a table', () => {
    const html = renderReport(recorded(), '');
    const canvases = [...html.matchAll(/<canvas [^>]*>/g)].map((match) => match[0]);
    expect(canvases.length).toBeGreaterThan(10);
    for (const canvas of canvases) expect(canvas).toMatch(/ role="img" aria-label="[^"]{20,}"/);
    const figures = html.split('<figure').slice(1);
    expect(figures).toHaveLength(canvases.length);
    for (const figure of figures)
      expect(figure).toMatch(/<\/canvas>.*<details><summary>Data table[^<]*<\/summary><div class="scroll"><table/s);
  });

  it('opens with a table of contents after the header and the bottom line, linking every section', () => {
    const html = renderReport(syntheticResults(), '');
    const toc = /<nav class="toc" aria-label="Contents">.*?<\/nav>/s.exec(html)![0];
    const ids = [...html.matchAll(/<section id="([^"]+)"[^>]*>\s*<h2/g)].map((match) => match[1]);
    expect(ids).toEqual(
      expect.arrayContaining(['verdicts', 'claims', 'scenario-revalidate', 'accuracy', 'environment']),
    );
    expect([...toc.matchAll(/<a href="#([^"]+)">/g)].map((match) => match[1])).toEqual(ids);
    expect(html.indexOf(toc)).toBeGreaterThan(html.indexOf('</header>'));
    expect(html.indexOf(toc)).toBeLessThan(html.indexOf('<section id="verdicts">'));
    expect(toc).toContain('<a href="#scenario-revalidate">Scenario <code>revalidate</code></a>');
    // A bottom line under the header comes before the contents.
    const body =
      '<header><h1>x</h1></header>\n<section id="bottom-line"><h2>The bottom line</h2><p>…</p></section>\n<section id="claims"><h2>Claims</h2></section>';
    const placed = withContents(body);
    expect(placed.indexOf('<nav class="toc"')).toBeGreaterThan(placed.indexOf('</section>'));
    expect(placed.indexOf('<nav class="toc"')).toBeLessThan(placed.indexOf('<section id="claims">'));
    expect(placed).toContain('<a href="#bottom-line">The bottom line</a>');
  });
});
