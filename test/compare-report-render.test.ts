/**
 * The comparison report as a person opens it: rendered by headless Chromium (Debian's, which
 * scripts/test.sh installs), with no console or page errors, no request leaving the file, and
 * every chart laid out with a size.
 */
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeHtmlReport } from '../packages/cli/src/compare/compare-report.js';
import { sampleResults } from './fixtures/compare-results.js';
import { CHROMIUM, launchChromium } from './helpers/headless-chromium.js';

describe('report.html in headless Chromium', () => {
  it('renders every chart and table without errors or outside requests', async () => {
    expect(
      existsSync(CHROMIUM),
      `${CHROMIUM} is missing: run scripts/test.sh, which installs it`,
    ).toBe(true);
    const dir = await mkdtemp(path.join(tmpdir(), 'report-render-'));
    const file = await writeHtmlReport(sampleResults(), dir);

    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning')
          problems.push(`console ${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('request', (r) => {
        if (!r.url().startsWith('file:') && !r.url().startsWith('data:'))
          problems.push(`request: ${r.url()}`);
      });
      await page.goto(pathToFileURL(file).href);

      const charts = await page.$$eval('svg', (all) =>
        all.map((s) => s.getBoundingClientRect()).map((r) => [r.width, r.height]),
      );
      expect(charts.length).toBeGreaterThanOrEqual(5);
      for (const [w, h] of charts) expect(w * h).toBeGreaterThan(1000);
      expect(await page.$$eval('table tbody tr', (rows) => rows.length)).toBe(4);
      expect(await page.title()).toMatch(/sample/);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
