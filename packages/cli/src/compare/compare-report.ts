import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { KnnRow } from '../evaluation.js';
import { barChart, heatMap, lineChart, scatterChart } from '../svg-chart.js';
import type { CellResult, CompareResults } from './run-compare.js';

/** A picture of a recipe's views, made by the caller (PNG bytes), keyed by `dataset/recipe`. */
export type ViewSamples = Map<string, Uint8Array>;

/**
 * Gain of a figure over the raw-input baseline, normalised by the room left above it:
 * `(score - raw) / (1 - raw)`. 0 is no better than raw inputs, 1 is perfect, and domains with
 * different baselines land on one scale.
 */
export function normalisedGain(score: number, raw: number): number {
  return raw >= 1 ? 0 : (score - raw) / (1 - raw);
}

/** Cells of one dataset, best kNN@20 first. */
function ranked(results: CompareResults, dataset: string): CellResult[] {
  return results.cells
    .filter((c) => c.dataset === dataset)
    .sort((a, b) => b.figures.knn20 - a.figures.knn20);
}

function rawRow(results: CompareResults, dataset: string): KnnRow | undefined {
  return results.baselines
    .find((b) => b.dataset === dataset)
    ?.rows.find((r) => r.features === 'raw input');
}

function datasets(results: CompareResults): string[] {
  return [...new Set(results.cells.map((c) => c.dataset))];
}

const fmt = (v: number | undefined) => (v === undefined ? '-' : v.toFixed(4));

/**
 * Writes `report.md`: per domain, the ranked table with the baselines as rows, and the
 * cross-domain gains.
 */
export async function writeMarkdownReport(
  results: CompareResults,
  outDir: string,
): Promise<string> {
  const lines = [
    `# Augmentation comparison: ${results.spec.name}`,
    '',
    `Seed ${results.spec.seed}; budget ${'steps' in results.spec.budget ? `${results.spec.budget.steps} steps` : `${results.spec.budget.minutes} minutes`} per recipe; ${results.cells.length} recipes in ${(results.seconds / 60).toFixed(1)} minutes.`,
    'Every recipe of a domain trains the same encoder with the same seed, data order and budget, and is evaluated by the same protocol: kNN on the test split against the train split (k=20 vote, k=200 weighted), a linear probe, alignment and uniformity.',
    '',
  ];
  for (const dataset of datasets(results)) {
    lines.push(
      `## ${dataset}`,
      '',
      '| rank | recipe | kNN@20 | kNN@200w | linear | align | uniform | gain | steps |',
      '|---|---|---|---|---|---|---|---|---|',
    );
    const raw = rawRow(results, dataset);
    ranked(results, dataset).forEach((c, i) => {
      const f = c.figures;
      const gain = raw ? fmt(normalisedGain(f.knn20, raw.knn20)) : '-';
      lines.push(
        `| ${i + 1} | ${c.recipe} | ${fmt(f.knn20)} | ${fmt(f.knn200w)} | ${fmt(f.linearProbe)} | ${fmt(f.alignment)} | ${fmt(f.uniformity)} | ${gain} | ${c.steps} |`,
      );
    });
    for (const b of results.baselines.find((x) => x.dataset === dataset)?.rows ?? []) {
      lines.push(
        `| - | *${b.features}* | ${fmt(b.knn20)} | ${fmt(b.knn200w)} | ${fmt(b.linearProbe)} | ${fmt(b.alignment)} | ${fmt(b.uniformity)} | ${raw ? fmt(normalisedGain(b.knn20, raw.knn20)) : '-'} | 0 |`,
      );
    }
    lines.push('');
  }
  lines.push(
    'Gain is `(kNN@20 - raw) / (1 - raw)` against the raw-input baseline of the same domain.',
    '',
  );
  const file = path.join(outDir, 'report.md');
  await writeFile(file, lines.join('\n'));
  return file;
}

/**
 * Writes `report.html`: one self-contained page (inline SVG charts and base64 images, no
 * scripts, nothing fetched) with the tables, charts and view samples.
 */
export async function writeHtmlReport(
  results: CompareResults,
  outDir: string,
  samples: ViewSamples = new Map(),
): Promise<string> {
  const sections: string[] = [];
  const gains: Array<{ label: string; value: number; group: string }> = [];
  const scatter: Array<{ label: string; x: number; y: number; group: string }> = [];

  for (const dataset of datasets(results)) {
    const cells = ranked(results, dataset);
    const raw = rawRow(results, dataset);
    const baselines = results.baselines.find((b) => b.dataset === dataset)?.rows ?? [];
    for (const c of cells) {
      if (raw)
        gains.push({
          label: `${dataset}: ${c.recipe}`,
          value: normalisedGain(c.figures.knn20, raw.knn20),
          group: dataset,
        });
      if (c.figures.alignment !== undefined && c.figures.uniformity !== undefined) {
        scatter.push({
          label: c.recipe,
          x: c.figures.uniformity,
          y: c.figures.alignment,
          group: dataset,
        });
      }
    }

    const rows = [
      ...cells.map((c, i) => tableRow(String(i + 1), c.recipe, c.figures, raw, c.steps)),
      ...baselines.map((b) => tableRow('-', `<em>${escapeHtml(b.features)}</em>`, b, raw, 0, true)),
    ].join('');
    const accuracy = barChart(
      `${dataset}: kNN@20 by recipe`,
      cells.map((c) => ({ label: c.recipe, value: c.figures.knn20 })),
      {
        axis: 'kNN@20 on the test split',
        ...(raw ? { reference: { label: 'raw input', value: raw.knn20 } } : {}),
      },
    );
    const curves = lineChart(
      `${dataset}: training loss`,
      cells.map((c) => ({ name: c.recipe, points: c.lossCurve })),
      { x: 'step', y: 'loss' },
    );
    const pairCells = cells.filter((c) => c.pair);
    const pairNames = [...new Set(pairCells.flatMap((c) => c.pair!))];
    const heat =
      pairCells.length > 0
        ? heatMap(
            `${dataset}: kNN@20 of transform pairs (diagonal: one transform alone)`,
            pairNames,
            (r, col) =>
              pairCells.find(
                (c) =>
                  (c.pair![0] === r && c.pair![1] === col) ||
                  (c.pair![0] === col && c.pair![1] === r),
              )?.figures.knn20,
          )
        : '';
    const pictures = cells
      .map((c) => samples.get(`${dataset}/${c.recipe}`))
      .map((png, i) =>
        png
          ? `<figure><img alt="views of ${escapeHtml(cells[i].recipe)}" src="data:image/png;base64,${Buffer.from(png).toString('base64')}"><figcaption>${escapeHtml(cells[i].recipe)}</figcaption></figure>`
          : '',
      )
      .join('');
    const listing = cells
      .map(
        (c) =>
          `<details><summary>${escapeHtml(c.recipe)}</summary><pre>${escapeHtml(JSON.stringify(c.recipeJson, null, 2))}</pre></details>`,
      )
      .join('');

    sections.push(
      `<section><h2>${escapeHtml(dataset)}</h2><table><thead><tr><th>rank</th><th>recipe</th><th>kNN@20</th><th>kNN@200w</th><th>linear</th><th>align</th><th>uniform</th><th>gain</th><th>steps</th></tr></thead><tbody>${rows}</tbody></table>`,
      `<div class="charts">${accuracy}${curves}${heat}</div>`,
      pictures
        ? `<h3>Views of each recipe</h3><p>Each row: an input, then views drawn by the recipe.</p><div class="samples">${pictures}</div>`
        : '',
      `<h3>Recipes</h3>${listing}</section>`,
    );
  }

  const cross = [
    gains.length
      ? barChart(
          'Gain over the raw-input baseline, all domains',
          gains.sort((a, b) => b.value - a.value),
          { axis: '(kNN@20 - raw) / (1 - raw)' },
        )
      : '',
    scatter.length
      ? scatterChart('Alignment against uniformity (lower is better on both)', scatter, {
          x: 'uniformity',
          y: 'alignment',
        })
      : '',
  ].join('');
  const budget =
    'steps' in results.spec.budget
      ? `${results.spec.budget.steps} steps`
      : `${results.spec.budget.minutes} minutes`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(results.spec.name)}: augmentation comparison</title>
<style>body{font-family:sans-serif;margin:2em;max-width:1200px;color:#222}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:nth-child(2),th:nth-child(2){text-align:left}tr.baseline{background:#f4f4f4}.charts svg{display:block;margin:1em 0}.samples{display:flex;flex-wrap:wrap;gap:12px}figure{margin:0}figure img{image-rendering:pixelated;max-width:560px;border:1px solid #ddd}pre{background:#f8f8f8;padding:8px;overflow:auto}</style>
</head><body>
<h1>Augmentation comparison: ${escapeHtml(results.spec.name)}</h1>
<p>Seed ${results.spec.seed}, ${budget} per recipe, ${results.cells.length} recipes, ${(results.seconds / 60).toFixed(1)} minutes in all (${escapeHtml(results.finishedAt)}). Every recipe of a domain trains the same encoder with the same seed, data order and budget, and is evaluated by the same protocol; gain is (kNN@20 &minus; raw) / (1 &minus; raw) against the raw-input baseline of that domain.</p>
<section><h2>Across domains</h2><div class="charts">${cross}</div></section>
${sections.join('\n')}
</body></html>
`;
  const file = path.join(outDir, 'report.html');
  await writeFile(file, html);
  return file;
}

function tableRow(
  rank: string,
  name: string,
  f: KnnRow,
  raw: KnnRow | undefined,
  steps: number,
  baseline = false,
): string {
  const gain = raw ? normalisedGain(f.knn20, raw.knn20).toFixed(4) : '-';
  const cells = [
    fmt(f.knn20),
    fmt(f.knn200w),
    fmt(f.linearProbe),
    fmt(f.alignment),
    fmt(f.uniformity),
    gain,
    String(steps),
  ];
  return `<tr${baseline ? ' class="baseline"' : ''}><td>${rank}</td><td>${baseline ? name : escapeHtml(name)}</td>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
