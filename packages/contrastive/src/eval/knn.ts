import { ManyViewsError } from '@manyviews/augment-core';
import * as tf from '@tensorflow/tfjs-core';

/** kNN accuracies by the protocol in DESIGN.md. */
export interface KnnResult {
  /** k=20, majority vote. */
  knn20: number;
  /** k=200, votes weighted by `exp(similarity / 0.1)` (Wu et al. 2018, as MoCo and lightly). */
  knn200w: number;
  queries: number;
  bank: number;
}

/** Inputs of {@link knnEvaluate}: row-major, L2-normalised features. */
export interface KnnInputs {
  /** `bankCount x dim`, the train split. */
  bank: Float32Array;
  bankLabels: ArrayLike<number>;
  /** `queryCount x dim`, the test split. */
  queries: Float32Array;
  queryLabels: ArrayLike<number>;
  dim: number;
  numClasses: number;
  /** Queries per similarity block; default 256 (a 256 x 60k block is 61 MB). */
  blockSize?: number;
}

/**
 * Cosine kNN classification of `queries` against a labelled `bank`.
 *
 * Majority-vote ties are broken by the summed similarity of the tied classes, then by the lower
 * class index, so results are deterministic.
 *
 * @throws {ManyViewsError} `INVALID_OPTION` for sizes that do not agree or a bank under 200 rows
 */
export function knnEvaluate(inputs: KnnInputs): KnnResult {
  const { dim, numClasses } = inputs;
  const bankCount = inputs.bank.length / dim;
  const queryCount = inputs.queries.length / dim;
  if (
    !Number.isInteger(bankCount) ||
    !Number.isInteger(queryCount) ||
    bankCount !== inputs.bankLabels.length
  ) {
    throw new ManyViewsError('INVALID_OPTION', 'knnEvaluate: features and labels do not agree', {
      expected: `bank of ${inputs.bankLabels.length} rows of ${dim}`,
      received: `${inputs.bank.length} values`,
    });
  }
  const kMax = Math.min(200, bankCount);
  const blockSize = inputs.blockSize ?? 256;

  // The transposed bank is made once; each block is then one untransposed product.
  const bankT = tf.tidy(() => tf.transpose(tf.tensor2d(inputs.bank, [bankCount, dim])));
  let correct20 = 0;
  let correct200 = 0;
  try {
    for (let start = 0; start < queryCount; start += blockSize) {
      const rows = Math.min(blockSize, queryCount - start);
      const { values, indices } = tf.tidy(() => {
        const q = tf.tensor2d(inputs.queries.subarray(start * dim, (start + rows) * dim), [
          rows,
          dim,
        ]);
        const top = tf.topk(tf.matMul(q, bankT), kMax, true);
        return {
          values: top.values.dataSync() as Float32Array,
          indices: top.indices.dataSync() as Int32Array,
        };
      });
      for (let r = 0; r < rows; r++) {
        const truth = inputs.queryLabels[start + r];
        const offset = r * kMax;
        if (
          vote(
            values,
            indices,
            offset,
            Math.min(20, kMax),
            inputs.bankLabels,
            numClasses,
            false,
          ) === truth
        )
          correct20++;
        if (vote(values, indices, offset, kMax, inputs.bankLabels, numClasses, true) === truth)
          correct200++;
      }
    }
  } finally {
    bankT.dispose();
  }
  return {
    knn20: correct20 / queryCount,
    knn200w: correct200 / queryCount,
    queries: queryCount,
    bank: bankCount,
  };
}

const scores = new Float64Array(1024);
const counts = new Float64Array(1024);

function vote(
  sims: Float32Array,
  indices: Int32Array,
  offset: number,
  k: number,
  labels: ArrayLike<number>,
  numClasses: number,
  weighted: boolean,
): number {
  scores.fill(0, 0, numClasses);
  counts.fill(0, 0, numClasses);
  for (let j = 0; j < k; j++) {
    const label = labels[indices[offset + j]];
    const s = sims[offset + j];
    counts[label] += weighted ? Math.exp(s / 0.1) : 1;
    scores[label] += s;
  }
  let best = 0;
  for (let c = 1; c < numClasses; c++) {
    if (counts[c] > counts[best] || (counts[c] === counts[best] && scores[c] > scores[best]))
      best = c;
  }
  return best;
}
