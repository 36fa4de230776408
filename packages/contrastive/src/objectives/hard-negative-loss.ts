import { ManyViewsError } from '@manyviews/augment-core';
import * as tf from '@tensorflow/tfjs-core';
import { l2Normalize } from './nt-xent.js';

/** Options of {@link hardNegativeLoss}. */
export interface HardNegativeOptions {
  /** `t` > 0 in `s(i, j) = z_i · z_j / t`; default 0.5, as in the authors' code. */
  temperature?: number;
  /** Concentration `beta` >= 0 on hard negatives; 0 weighs all alike. Default 1. */
  beta?: number;
  /** `tau_plus` in [0, 1), the prior probability that a negative shares the anchor's class. */
  tauPlus?: number;
}

/**
 * Contrastive loss with hard negative sampling, Robinson et al. 2021 ("Contrastive Learning with
 * Hard Negative Samples", ICLR), on the SimCLR layout of {@link ntXentLoss}.
 *
 * With `z = normalise(concat(z1, z2))` (2B rows), row `i` has its positive `pos(i)` and `N = 2B - 2`
 * negatives. Negatives are reweighted towards the hard ones by importance sampling from
 * `q_beta(j) ∝ e^{beta s(i, j)}`, then debiased as in Chuang et al. 2020 with the clamp at the
 * least value the term can take for unit vectors:
 *
 *     w_ij  = e^{beta s(i, j)} / mean_{k neg} e^{beta s(i, k)}          (j, k negatives of i)
 *     Ng_i  = max( (-tau_plus N e^{s(i, pos(i))} + sum_{j neg} w_ij e^{s(i, j)}) / (1 - tau_plus),
 *                  N e^{-1/t} )
 *     L     = mean_i [ -s(i, pos(i)) + log( e^{s(i, pos(i))} + Ng_i ) ]
 *
 * As in the authors' code, `beta` multiplies the tempered similarity `s = z·z'/t`. `beta = 0` is
 * the debiased loss ({@link debiasedLoss}); `beta = 0` and `tau_plus = 0` is NT-Xent. Computed
 * in log space where it can (the weights as a log-softmax, the larger of the two terms factored
 * out), so small temperatures and large `beta` neither overflow nor underflow.
 *
 * @param z1 first views' projections, `[B, D]`, `B >= 2`
 * @param z2 second views' projections, `[B, D]`, row `i` the same example as in `z1`
 * @param options `temperature` (default 0.5), `beta` (default 1), `tauPlus` (default 0.1)
 * @returns the scalar loss
 * @throws ManyViewsError `SHAPE_MISMATCH` when the views disagree or `B < 2`, `INVALID_OPTION`
 *   for a temperature <= 0, a negative `beta` or `tauPlus` outside [0, 1)
 */
export function hardNegativeLoss(
  z1: tf.Tensor2D,
  z2: tf.Tensor2D,
  options: HardNegativeOptions = {},
): tf.Scalar {
  const { temperature = 0.5, beta = 1, tauPlus = 0.1 } = options;
  checkInputs(z1, z2, temperature, beta, tauPlus);

  return tf.tidy(() => {
    const b = z1.shape[0];
    const negatives = 2 * b - 2;
    const z = l2Normalize(tf.concat([z1, z2], 0));
    const logits = tf.div(tf.matMul(z, z, false, true), temperature);

    // Row i's positive is row (i + B) mod 2B; its negatives are every other row but itself.
    const a = tf.slice(z, [0, 0], [b, -1]);
    const c = tf.slice(z, [b, 0], [b, -1]);
    const halfPositive = tf.div(tf.sum(tf.mul(a, c), 1), temperature);
    const positive = tf.concat([halfPositive, halfPositive], 0);
    const partner = Array.from({ length: 2 * b }, (_, i) => (i + b) % (2 * b));
    const notNegative = tf.add(tf.eye(2 * b), tf.oneHot(tf.tensor1d(partner, 'int32'), 2 * b));
    const masked = tf.mul(notNegative, 1e9);

    // log sum_j w_ij e^{s(i, j)} = log N + logsumexp_j (log softmax_j(beta s(i, j)) + s(i, j)).
    const logWeights = tf.logSoftmax(tf.sub(tf.mul(logits, beta), masked), 1);
    const logReweighted = tf.add(
      tf.logSumExp(tf.sub(tf.add(logWeights, logits), masked), 1),
      Math.log(negatives),
    );

    // Scaled by e^{-shift}, shift = max(positive, log reweighted), so neither term overflows.
    const shift = tf.maximum(positive, logReweighted);
    const pos = tf.exp(tf.sub(positive, shift));
    const reweighted = tf.exp(tf.sub(logReweighted, shift));
    const estimate = tf.div(tf.sub(reweighted, tf.mul(pos, tauPlus * negatives)), 1 - tauPlus);
    const floor = tf.exp(tf.sub(Math.log(negatives) - 1 / temperature, shift));

    const ng = tf.maximum(estimate, floor);
    const loss = tf.sub(tf.add(tf.log(tf.add(pos, ng)), shift), positive);
    return tf.mean(loss) as tf.Scalar;
  });
}

function checkInputs(
  z1: tf.Tensor2D,
  z2: tf.Tensor2D,
  temperature: number,
  beta: number,
  tauPlus: number,
): void {
  if (
    z1.rank !== 2 ||
    z2.rank !== 2 ||
    z1.shape[0] !== z2.shape[0] ||
    z1.shape[1] !== z2.shape[1]
  ) {
    throw new ManyViewsError('SHAPE_MISMATCH', 'hardNegativeLoss: both views must be [B, D]', {
      expected: `[${z1.shape.join(', ')}]`,
      received: z2.shape,
    });
  }
  if (z1.shape[0] < 2) {
    throw new ManyViewsError('SHAPE_MISMATCH', 'hardNegativeLoss: a batch needs two examples', {
      expected: 'B >= 2',
      received: z1.shape,
    });
  }
  if (!(temperature > 0) || !Number.isFinite(temperature)) {
    throw new ManyViewsError('INVALID_OPTION', 'hardNegativeLoss: temperature must be positive', {
      expected: 'a finite number > 0',
      received: temperature,
    });
  }
  if (!(beta >= 0) || !Number.isFinite(beta)) {
    throw new ManyViewsError('INVALID_OPTION', 'hardNegativeLoss: beta must not be negative', {
      expected: 'a finite number >= 0',
      received: beta,
    });
  }
  if (!(tauPlus >= 0 && tauPlus < 1)) {
    throw new ManyViewsError(
      'INVALID_OPTION',
      'hardNegativeLoss: tauPlus is a probability below 1',
      {
        expected: 'a number in [0, 1)',
        received: tauPlus,
      },
    );
  }
}
