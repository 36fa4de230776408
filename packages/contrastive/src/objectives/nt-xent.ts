import * as tf from '@tensorflow/tfjs-core';

/**
 * NT-Xent, the normalised temperature-scaled cross-entropy of SimCLR (Chen et al. 2020), also
 * known as InfoNCE over the batch.
 *
 * With `z = normalise(concat(z1, z2))` (2B rows) and `s(i, j) = z_i · z_j / tau`, each row's
 * positive is its other view and its candidates are the other `2B - 1` rows:
 *
 *     L = mean_i [ -s(i, pos(i)) + log sum_{j != i} exp s(i, j) ]
 *
 * @param z1 first views' projections, `[B, D]`
 * @param z2 second views' projections, `[B, D]`, row `i` the same example as in `z1`
 * @param temperature `tau` > 0; default 0.5 (SimCLR's value for small batches)
 * @returns the scalar loss
 */
export function ntXentLoss(z1: tf.Tensor2D, z2: tf.Tensor2D, temperature = 0.5): tf.Scalar {
  return tf.tidy(() => {
    const n = z1.shape[0];
    const z = l2Normalize(tf.concat([z1, z2], 0));
    const sim = tf.div(tf.matMul(z, z, false, true), temperature);

    // Excluding self-similarity: a large negative on the diagonal drops it from the softmax.
    const masked = tf.sub(sim, tf.mul(tf.eye(2 * n), 1e9));
    const logPartition = rowLogSumExp(masked as tf.Tensor2D);

    const a = tf.slice(z, [0, 0], [n, -1]);
    const b = tf.slice(z, [n, 0], [n, -1]);
    const positive = tf.div(tf.sum(tf.mul(a, b), 1), temperature);
    return tf.mean(tf.sub(logPartition, tf.concat([positive, positive], 0))) as tf.Scalar;
  });
}

/** Rows scaled to unit length: `[N, D] -> [N, D]` (a small epsilon keeps zero rows finite). */
export function l2Normalize(x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.div(x, tf.sqrt(tf.add(tf.sum(tf.square(x), 1, true), 1e-12))));
}

/**
 * `log sum_j exp x_ij` of each row, `[N, M] -> [N]`, with the gradient `softmax(x)` written out.
 * tfjs's logSumExp differentiates through its max shift too, which costs a broadcast `Equal`
 * over the whole matrix (25 to 50 ms for 512 x 512 on wasm here) for a term that cancels.
 */
export function rowLogSumExp(x: tf.Tensor2D): tf.Tensor1D {
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const input = args[0] as tf.Tensor2D;
    const save = args[1] as tf.GradSaveFunc;
    const value = tf.logSumExp(input, 1);
    save([input, value]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, lse] = saved;
      return [tf.mul(tf.exp(tf.sub(xs, tf.expandDims(lse, 1))), tf.expandDims(dy, 1))];
    };
    return { value, gradFunc };
  });
  return op(x) as tf.Tensor1D;
}
