import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleResults } from '../../../../test/fixtures/compare-results.js';
import { normalisedGain, writeHtmlReport, writeMarkdownReport } from './compare-report.js';

describe('comparison reports', () => {
  it('normalises gains by the room above the raw baseline', () => {
    expect(normalisedGain(0.8, 0.6)).toBeCloseTo(0.5, 10);
    expect(normalisedGain(0.6, 0.6)).toBe(0);
    expect(normalisedGain(0.5, 0.6)).toBeCloseTo(-0.25, 10);
  });

  it('ranks recipes by kNN@20 with the baselines as rows, in Markdown and in a self-contained page', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'report-'));
    const results = sampleResults();
    const md = await readFile(await writeMarkdownReport(results, dir), 'utf8');
    const rows = md.split('\n').filter((l) => /^\| \d/.test(l));
    expect(rows.map((l) => l.split('|')[2].trim())).toEqual(['b<script>', 'a', 'c']);
    expect(md).toMatch(/\| - \| \*raw input\* \| 0\.6000/);
    expect(md).toMatch(/\| 1 \| b<script> \| 0\.8000 \| .* \| 0\.5000 \| 10 \|/);

    const html = await readFile(
      await writeHtmlReport(
        results,
        dir,
        new Map([['fashion-mnist/a', new Uint8Array([137, 80, 78, 71])]]),
      ),
      'utf8',
    );
    expect(html).not.toMatch(/<script/);
    expect(html).toContain('b&lt;script&gt;');
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(html.match(/<svg /g)?.length).toBeGreaterThanOrEqual(5);
    expect(html).toContain('kNN@20 of transform pairs');
    expect(html).toContain('data:image/png;base64,iVBORw==');
  });
});
