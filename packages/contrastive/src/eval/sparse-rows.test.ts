import { Rng } from '@manyviews/augment-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend.js';
import { alignmentUniformity } from './alignment-uniformity.js';
import { knnEvaluate } from './knn.js';
import {
  packSparseRows,
  sparseAlignmentUniformity,
  sparseKnnEvaluate,
  sparseLinearProbe,
} from './sparse-rows.js';

/** Random non-negative sparse rows, L2-normalised, with a class-dependent column block. */
function data(rows: number, dim: number, seed: number) {
  const rng = new Rng(seed);
  const labels: number[] = [];
  const sparse = [];
  const dense = new Float32Array(rows * dim);
  for (let r = 0; r < rows; r++) {
    const label = r % 3;
    labels.push(label);
    const cols = new Set<number>();
    while (cols.size < 4)
      cols.add(rng.bool(0.7) ? label * 10 + rng.int(0, 9) : rng.int(0, dim - 1));
    const indices = Uint32Array.from(cols).sort();
    const values = Float32Array.from(indices, () => rng.uniform(0.1, 1));
    const norm = Math.hypot(...values);
    for (let i = 0; i < values.length; i++) {
      values[i] /= norm;
      dense[r * dim + indices[i]] = values[i];
    }
    sparse.push({ indices, values });
  }
  return { labels, sparse: packSparseRows(sparse, dim), dense };
}

describe('sparse evaluation', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('kNN agrees with the dense protocol on the same rows', () => {
    const bank = data(300, 40, 1);
    const queries = data(60, 40, 2);
    const sparse = sparseKnnEvaluate({
      bank: bank.sparse,
      bankLabels: bank.labels,
      queries: queries.sparse,
      queryLabels: queries.labels,
      numClasses: 3,
    });
    const dense = knnEvaluate({
      bank: bank.dense,
      bankLabels: bank.labels,
      queries: queries.dense,
      queryLabels: queries.labels,
      dim: 40,
      numClasses: 3,
    });
    expect(sparse.knn20).toBeCloseTo(dense.knn20, 6);
    expect(sparse.knn200w).toBeCloseTo(dense.knn200w, 6);
    expect(sparse.knn20).toBeGreaterThan(0.6);
  });

  it('alignment and uniformity agree with the dense ones', () => {
    const a = data(50, 40, 3);
    const b = data(50, 40, 4);
    const sparse = sparseAlignmentUniformity(a.sparse, b.sparse);
    const dense = alignmentUniformity(a.dense, b.dense, 40);
    expect(sparse.alignment).toBeCloseTo(dense.alignment, 5);
    expect(sparse.uniformity).toBeCloseTo(dense.uniformity, 5);
  });

  it('the linear probe learns the class blocks', () => {
    const train = data(600, 40, 5);
    const test = data(150, 40, 6);
    const { accuracy } = sparseLinearProbe({
      train: train.sparse,
      trainLabels: train.labels,
      test: test.sparse,
      testLabels: test.labels,
      numClasses: 3,
    });
    expect(accuracy).toBeGreaterThan(0.8);
  });

  it('refuses rows and labels that disagree', () => {
    const bank = data(10, 5, 1);
    expect(() =>
      sparseKnnEvaluate({
        bank: bank.sparse,
        bankLabels: [0],
        queries: bank.sparse,
        queryLabels: bank.labels,
        numClasses: 3,
      }),
    ).toThrow(/disagree/);
  });
});
