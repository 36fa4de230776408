import { ManyViewsError, Rng } from '@manyviews/augment-core';
import * as tf from '@tensorflow/tfjs-core';
import { Optimizer } from '../optim/optimizer.js';

/** Options of {@link linearProbe}. */
export interface LinearProbeOptions {
  /** `trainCount x dim` frozen features. */
  train: Float32Array;
  trainLabels: ArrayLike<number>;
  /** `testCount x dim` frozen features. */
  test: Float32Array;
  testLabels: ArrayLike<number>;
  dim: number;
  numClasses: number;
  /** Passes over the training features; default 20. */
  epochs?: number;
  /** Rows per step; default 1024. */
  batchSize?: number;
  /** Adam learning rate; default 0.01. */
  learningRate?: number;
  /** L2 penalty on the weights; default 1e-5. */
  l2?: number;
  /** Seed of the minibatch order; default 0. */
  seed?: number;
}

/**
 * Linear evaluation: multinomial logistic regression on frozen features, trained with Adam on
 * minibatches, then top-1 accuracy on the test features. Features are standardised with the
 * training split's mean and deviation first, so one learning rate suits every encoder.
 *
 * @returns `{ accuracy, trainAccuracy }` in [0, 1]
 * @throws {ManyViewsError} `INVALID_OPTION` when features and labels do not agree
 */
export function linearProbe(options: LinearProbeOptions): {
  accuracy: number;
  trainAccuracy: number;
} {
  const { dim, numClasses } = options;
  const n = options.trainLabels.length;
  if (options.train.length !== n * dim || options.test.length !== options.testLabels.length * dim) {
    throw new ManyViewsError('INVALID_OPTION', 'linearProbe: features and labels do not agree', {
      expected: `${n} x ${dim} train features`,
      received: `${options.train.length} values`,
    });
  }
  const epochs = options.epochs ?? 20;
  const batchSize = Math.min(options.batchSize ?? 1024, n);
  const l2 = options.l2 ?? 1e-5;

  const { mean, std } = columnStats(options.train, n, dim);
  const w = tf.variable(tf.zeros([dim, numClasses]));
  const b = tf.variable(tf.zeros([numClasses]));
  const optimizer = new Optimizer([w, b], { name: 'adam' });
  const rng = new Rng(options.seed ?? 0).fork('probe');
  const scratch = new Float32Array(batchSize * dim);
  const labels = new Int32Array(batchSize);

  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      const order = rng.fork(epoch).permutation(n);
      for (let start = 0; start + batchSize <= n; start += batchSize) {
        for (let r = 0; r < batchSize; r++) {
          const row = order[start + r];
          labels[r] = options.trainLabels[row];
          for (let d = 0; d < dim; d++)
            scratch[r * dim + d] = (options.train[row * dim + d] - mean[d]) / std[d];
        }
        tf.tidy(() => {
          const x = tf.tensor2d(scratch, [batchSize, dim]);
          const y = tf.oneHot(tf.tensor1d(labels, 'int32'), numClasses);
          const { grads } = tf.variableGrads(() => {
            const logits = tf.add(tf.matMul(x, w), b);
            const ce = tf.mean(tf.sub(tf.logSumExp(logits, 1), tf.sum(tf.mul(logits, y), 1)));
            return tf.add(ce, tf.mul(tf.sum(tf.square(w)), l2)) as tf.Scalar;
          }, [w, b]);
          optimizer.step([grads[w.name], grads[b.name]], options.learningRate ?? 0.01);
        });
      }
    }
    const accuracyOf = (features: Float32Array, truth: ArrayLike<number>) =>
      accuracy(features, truth, dim, mean, std, w, b);
    return {
      accuracy: accuracyOf(options.test, options.testLabels),
      trainAccuracy: accuracyOf(options.train, options.trainLabels),
    };
  } finally {
    optimizer.dispose();
    w.dispose();
    b.dispose();
  }
}

function columnStats(
  x: Float32Array,
  n: number,
  dim: number,
): { mean: Float64Array; std: Float64Array } {
  const mean = new Float64Array(dim);
  const std = new Float64Array(dim);
  for (let r = 0; r < n; r++) for (let d = 0; d < dim; d++) mean[d] += x[r * dim + d];
  for (let d = 0; d < dim; d++) mean[d] /= n;
  for (let r = 0; r < n; r++) {
    for (let d = 0; d < dim; d++) {
      const t = x[r * dim + d] - mean[d];
      std[d] += t * t;
    }
  }
  for (let d = 0; d < dim; d++) std[d] = Math.sqrt(std[d] / n) + 1e-6;
  return { mean, std };
}

function accuracy(
  features: Float32Array,
  truth: ArrayLike<number>,
  dim: number,
  mean: Float64Array,
  std: Float64Array,
  w: tf.Variable,
  b: tf.Variable,
): number {
  const rows = truth.length;
  const block = 4096;
  let correct = 0;
  for (let start = 0; start < rows; start += block) {
    const count = Math.min(block, rows - start);
    const x = new Float32Array(count * dim);
    for (let r = 0; r < count; r++) {
      for (let d = 0; d < dim; d++)
        x[r * dim + d] = (features[(start + r) * dim + d] - mean[d]) / std[d];
    }
    const predicted = tf.tidy(() =>
      tf.argMax(tf.add(tf.matMul(tf.tensor2d(x, [count, dim]), w as tf.Tensor2D), b), 1).dataSync(),
    );
    for (let r = 0; r < count; r++) if (predicted[r] === truth[start + r]) correct++;
  }
  return correct / rows;
}
