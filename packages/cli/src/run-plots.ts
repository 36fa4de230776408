import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { lineChart, type Series } from './svg-chart.js';

/**
 * Draws a run's `metrics.jsonl` as `loss.svg` (loss by step, smoothed over 20 steps) and, when the
 * run evaluated, `evaluation.svg` (kNN and linear probe by step).
 *
 * @returns the files written
 */
export async function writeRunPlots(runDir: string): Promise<string[]> {
  const text = await readFile(path.join(runDir, 'metrics.jsonl'), 'utf8').catch(() => '');
  const records = text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, number | string>);
  const steps = records.filter((r) => r.type === 'step');
  const evals = records.filter((r) => r.type === 'eval');
  const written: string[] = [];

  if (steps.length > 0) {
    const raw: Array<[number, number]> = steps.map((r) => [Number(r.step) + 1, Number(r.loss)]);
    const smooth = raw.map(([x], i) => {
      const window = raw.slice(Math.max(0, i - 19), i + 1);
      return [x, window.reduce((s, p) => s + p[1], 0) / window.length] as [number, number];
    });
    const file = path.join(runDir, 'loss.svg');
    await writeFile(
      file,
      lineChart('Training loss', [{ name: 'loss (20-step mean)', points: smooth }], {
        x: 'step',
        y: 'loss',
      }),
    );
    written.push(file);
  }

  if (evals.length > 0) {
    const series: Series[] = ['knn20', 'knn200w', 'linearProbe'].map((key) => ({
      name: key,
      points: evals
        .filter((r) => typeof r[key] === 'number')
        .map((r) => [Number(r.step), Number(r[key])] as [number, number]),
    }));
    const file = path.join(runDir, 'evaluation.svg');
    await writeFile(
      file,
      lineChart('Evaluation on the test split', series, { x: 'step', y: 'accuracy' }),
    );
    written.push(file);
  }
  return written;
}
