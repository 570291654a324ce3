import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '../../reports/render';
import { launchChromium, requireChromium } from '../../runner/measure/browser/chromium';
import { readResults } from '../../runner/contract/store';
import type { Results } from '../../runner/contract/results';
import { syntheticResults } from '../results-fixture';
import { axeViolations, canvasesDrawn, openOnLaptop } from '../support/report-page';

const require = createRequire(import.meta.url);
// The UMD bundle beside chart.js's main entry, as reports/write.ts inlines it.
const CHART_JS = fs.readFileSync(path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8');
/** The recorded run published with the project: browser cells at 3 RTTs and both Chrome modes, HTTP load, probes, micro. */
const RECORDED = path.join(import.meta.dirname, '..', '..', 'reports', 'published', '2026-12-02T06-07-32Z-s224');

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-bench-a11y-'));
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium(requireChromium(), { deferAfterInput: true });
});
afterAll(async () => {
  await browser?.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** The synthetic run with the request log's first byte on every median interaction, its input delay and a mark. */
function syntheticWithWaterfalls(): Results {
  const results = syntheticResults();
  for (const cell of results.browser!.cells) {
    const rtt = cell.rttMs;
    cell.medianInteraction = {
      latencyMs: cell.medianMs,
      inputDelayMs: 1.2,
      marksMs: { optimistic: 3.5 },
      requests: [
        {
          method: 'POST',
          path: `/revalidate/${cell.variant}`,
          status: 200,
          startMs: 2,
          responseStartMs: rtt + 6,
          endMs: rtt + 8,
        },
      ],
    };
  }
  return results;
}

/** Per canvas: its role, its accessible name, and whether its figure carries a data table. */
function canvasFallbacks(page: Page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('canvas')).map((canvas) => ({
      id: canvas.id,
      role: canvas.getAttribute('role'),
      label: canvas.getAttribute('aria-label') ?? '',
      table: canvas.closest('figure')?.querySelector('details table') !== null && canvas.closest('figure') !== null,
    })),
  );
}

/** The table of contents' links, each with whether its target exists; and every h2 with its section's id. */
function contents(page: Page) {
  return page.evaluate(() => ({
    links: Array.from(document.querySelectorAll<HTMLAnchorElement>('nav.toc a')).map((a) => ({
      href: a.getAttribute('href') ?? '',
      resolves: document.getElementById((a.getAttribute('href') ?? '').slice(1)) !== null,
    })),
    sections: Array.from(document.querySelectorAll('h2')).map((h2) => h2.closest('section')?.id ?? ''),
  }));
}

const runs: [string, () => Results][] = [
  ['the synthetic run with request waterfalls', syntheticWithWaterfalls],
  ['the recorded run (HTTP load, probes, waterfalls with first bytes)', () => readResults(RECORDED)],
];

describe.each(runs)('the report of %s', (name, results) => {
  let page: Page;
  let problems: string[];
  beforeAll(async () => {
    const file = path.join(scratch, `${name.replace(/\W+/g, '-')}.html`);
    fs.writeFileSync(file, renderReport(results(), CHART_JS));
    ({ page, problems } = await openOnLaptop(browser, file));
  });
  afterAll(() => page?.close());

  it('draws every chart with no console error, throw or request', async () => {
    expect((await canvasesDrawn(page)).every(Boolean)).toBe(true);
    expect(problems).toEqual([]);
  });

  it('has no serious or critical WCAG 2.1 AA violation by axe-core', async () => {
    const violations = await axeViolations(page);
    const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    if (violations.length) console.log(`${name}: axe found\n${JSON.stringify(violations, null, 2)}`);
    expect(blocking).toEqual([]);
  });

  it('names every chart and gives it a data table', async () => {
    const canvases = await canvasFallbacks(page);
    expect(canvases.length).toBeGreaterThan(0);
    for (const canvas of canvases) {
      expect(canvas.role, canvas.id).toBe('img');
      expect(canvas.label.length, canvas.id).toBeGreaterThan(10);
      expect(canvas.table, canvas.id).toBe(true);
    }
  });

  it('opens with a table of contents whose every link lands on a section', async () => {
    const { links, sections } = await contents(page);
    expect(links.length).toBeGreaterThan(3);
    expect(links.filter((link) => !link.resolves)).toEqual([]);
    // Every h2's section is linked.
    expect(sections.filter((id) => !id || !links.some((link) => link.href === `#${id}`))).toEqual([]);
  });
});
