import { ManyViewsError } from '@manyviews/augment-core';
import * as tf from '@tensorflow/tfjs-core';
import { l2Normalize } from './nt-xent.js';

/** Options of {@link debiasedLoss}. */
export interface DebiasedOptions {
  /** `t` > 0 in `s(i, j) = z_i · z_j / t`; default 0.5, as in the authors' code. */
  temperature?: number;
  /** `tau_plus` in [0, 1), the prior probability that a negative shares the anchor's class. */
  tauPlus?: number;
}

/**
 * The debiased contrastive loss of Chuang et al. 2020 ("Debiased Contrastive Learning", NeurIPS),
 * on the SimCLR layout of {@link ntXentLoss}. Not the "decoupled" contrastive loss (DCL of Yeh et
 * al. 2022), which shares the acronym.
 *
 * With `z = normalise(concat(z1, z2))` (2B rows), each row `i` has its positive `pos(i)` and
 * `N = 2B - 2` negatives (every other row but itself and the positive). Some negatives are in
 * truth of the anchor's class, with prior `tau_plus`; the paper's estimator of the true negatives'
 * term subtracts their expected share and clamps at its theoretical minimum (eq. 6):
 *
 *     Ng_i = max( (-tau_plus N e^{s(i, pos(i))} + sum_{j neg} e^{s(i, j)}) / (1 - tau_plus),
 *                 N e^{-1/t} )
 *     L    = mean_i [ -s(i, pos(i)) + log( e^{s(i, pos(i))} + Ng_i ) ]
 *
 * `N e^{-1/t}` is the least `sum_j e^{s(i, j)}` can be for unit vectors. With `tau_plus = 0` the
 * loss is NT-Xent. Computed with each row's larger of the positive and the negatives' log-sum
 * factored out, so small temperatures neither overflow nor underflow.
 *
 * @param z1 first views' projections, `[B, D]`, `B >= 2`
 * @param z2 second views' projections, `[B, D]`, row `i` the same example as in `z1`
 * @param options `temperature` (default 0.5), `tauPlus` (default 0.1, the paper's common choice)
 * @returns the scalar loss
 * @throws ManyViewsError `SHAPE_MISMATCH` when the views disagree or `B < 2`, `INVALID_OPTION`
 *   for a temperature <= 0 or `tauPlus` outside [0, 1)
 */
export function debiasedLoss(
  z1: tf.Tensor2D,
  z2: tf.Tensor2D,
  options: DebiasedOptions = {},
): tf.Scalar {
  const { temperature = 0.5, tauPlus = 0.1 } = options;
  checkPair('debiasedLoss', z1, z2);
  if (!(temperature > 0) || !Number.isFinite(temperature)) {
    throw new ManyViewsError('INVALID_OPTION', 'debiasedLoss: temperature must be positive', {
      expected: 'a finite number > 0',
      received: temperature,
    });
  }
  if (!(tauPlus >= 0 && tauPlus < 1)) {
    throw new ManyViewsError('INVALID_OPTION', 'debiasedLoss: tauPlus is a probability below 1', {
      expected: 'a number in [0, 1)',
      received: tauPlus,
    });
  }

  return tf.tidy(() => {
    const b = z1.shape[0];
    const negatives = 2 * b - 2;
    const z = l2Normalize(tf.concat([z1, z2], 0));
    const logits = tf.div(tf.matMul(z, z, false, true), temperature);

    // Row i's positive is row (i + B) mod 2B; everything but it and the diagonal is a negative.
    const zero = tf.zeros([b, b]);
    const posMask = tf.concat([tf.concat([zero, tf.eye(b)], 1), tf.concat([tf.eye(b), zero], 1)]);
    const notNegative = tf.add(tf.eye(2 * b), posMask);
    const positive = tf.sum(tf.mul(logits, posMask), 1);
    const logNegSum = tf.logSumExp(tf.sub(logits, tf.mul(notNegative, 1e9)), 1);

    // Both terms scaled by e^{-shift} with shift = max(positive, log sum neg), so one of them is 1
    // and neither overflows; the floor may underflow to 0 only when it cannot be the maximum.
    const shift = tf.maximum(positive, logNegSum);
    const pos = tf.exp(tf.sub(positive, shift));
    const negSum = tf.exp(tf.sub(logNegSum, shift));
    const estimate = tf.div(tf.sub(negSum, tf.mul(pos, tauPlus * negatives)), 1 - tauPlus);
    const floor = tf.exp(tf.sub(Math.log(negatives) - 1 / temperature, shift));
    const ng = tf.maximum(estimate, floor);

    // -log(e^pos / (e^pos + Ng)), with the shift taken out of both.
    const loss = tf.sub(tf.add(tf.log(tf.add(pos, ng)), shift), positive);
    return tf.mean(loss) as tf.Scalar;
  });
}

function checkPair(fn: string, z1: tf.Tensor2D, z2: tf.Tensor2D): void {
  if (
    z1.rank !== 2 ||
    z2.rank !== 2 ||
    z1.shape[0] !== z2.shape[0] ||
    z1.shape[1] !== z2.shape[1]
  ) {
    throw new ManyViewsError('SHAPE_MISMATCH', `${fn}: both views must be [B, D]`, {
      expected: `[${z1.shape.join(', ')}]`,
      received: z2.shape,
    });
  }
  if (z1.shape[0] < 2) {
    throw new ManyViewsError('SHAPE_MISMATCH', `${fn}: a batch needs two examples for negatives`, {
      expected: 'B >= 2',
      received: z1.shape,
    });
  }
}
