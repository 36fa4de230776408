import { ManyViewsError } from '@manyviews/augment-core';
import * as tf from '@tensorflow/tfjs-core';

/** Weights and constants of {@link vicregLoss}; the defaults are the paper's. */
export interface VicregOptions {
  /** `lambda`, weight of the invariance term; default 25. */
  invarianceWeight?: number;
  /** `mu`, weight of the variance term; default 25. */
  varianceWeight?: number;
  /** `nu`, weight of the covariance term; default 1. */
  covarianceWeight?: number;
  /** `epsilon` inside the standard deviation's square root; default 1e-4. */
  epsilon?: number;
  /** `gamma`, the standard deviation each dimension is held to; default 1. */
  gamma?: number;
}

/** The three unweighted terms of VICReg, each a scalar. */
export interface VicregTerms {
  /** `s(Z, Z')`, the mean squared difference of paired embeddings. */
  invariance: tf.Scalar;
  /** `v(Z) + v(Z')`, the hinge on each dimension's standard deviation. */
  variance: tf.Scalar;
  /** `c(Z) + c(Z')`, the squared off-diagonal covariances over `D`. */
  covariance: tf.Scalar;
}

/**
 * VICReg, Bardes, Ponce and LeCun 2022 ("VICReg: Variance-Invariance-Covariance Regularization for
 * Self-Supervised Learning", ICLR), the non-contrastive reference objective. Embeddings are not
 * normalised. For `Z`, `Z'` of `N` rows and `D` dimensions, as the paper's Algorithm 1 computes:
 *
 *     s(Z, Z') = 1/(N D) sum_{i,k} (Z_ik - Z'_ik)^2
 *     v(Z)     = 1/D sum_k max(0, gamma - sqrt(Var(Z_:k) + eps))     (Var unbiased, over N)
 *     c(Z)     = 1/D sum_{k != l} Cov(Z)_kl^2,  Cov(Z) = (Z - mean)^T (Z - mean) / (N - 1)
 *     L        = lambda s(Z, Z') + mu [v(Z) + v(Z')] + nu [c(Z) + c(Z')]
 *
 * The authors' training code halves the variance term, `mu [v(Z) + v(Z')] / 2`; this follows the
 * paper. Defaults `lambda = mu = 25`, `nu = 1`, `eps = 1e-4`, `gamma = 1`.
 *
 * @param za first views' embeddings, `[N, D]`, `N >= 2`
 * @param zb second views' embeddings, `[N, D]`, row `i` the same example as in `za`
 * @param options the weights and constants above
 * @returns the scalar loss
 * @throws ManyViewsError `SHAPE_MISMATCH` when the views disagree or `N < 2`, `INVALID_OPTION` for
 *   a negative weight, epsilon or gamma
 */
export function vicregLoss(
  za: tf.Tensor2D,
  zb: tf.Tensor2D,
  options: VicregOptions = {},
): tf.Scalar {
  const {
    invarianceWeight = 25,
    varianceWeight = 25,
    covarianceWeight = 1,
    epsilon = 1e-4,
    gamma = 1,
  } = options;
  checkNonNegative({ invarianceWeight, varianceWeight, covarianceWeight, epsilon, gamma });

  return tf.tidy(() => {
    const { invariance, variance, covariance } = vicregTerms(za, zb, { epsilon, gamma });
    return tf.addN([
      tf.mul(invariance, invarianceWeight),
      tf.mul(variance, varianceWeight),
      tf.mul(covariance, covarianceWeight),
    ]) as tf.Scalar;
  });
}

/**
 * The unweighted invariance, variance and covariance terms of {@link vicregLoss}, for logs and
 * for tests. The caller owns (disposes) the three scalars.
 *
 * @param za first views' embeddings, `[N, D]`, `N >= 2`
 * @param zb second views' embeddings, `[N, D]`
 * @param options `epsilon` (default 1e-4) and `gamma` (default 1)
 * @returns `{ invariance, variance, covariance }`
 * @throws ManyViewsError as {@link vicregLoss}
 */
export function vicregTerms(
  za: tf.Tensor2D,
  zb: tf.Tensor2D,
  options: Pick<VicregOptions, 'epsilon' | 'gamma'> = {},
): VicregTerms {
  const { epsilon = 1e-4, gamma = 1 } = options;
  checkNonNegative({ epsilon, gamma });
  if (
    za.rank !== 2 ||
    zb.rank !== 2 ||
    za.shape[0] !== zb.shape[0] ||
    za.shape[1] !== zb.shape[1]
  ) {
    throw new ManyViewsError('SHAPE_MISMATCH', 'vicregLoss: both views must be [N, D]', {
      expected: `[${za.shape.join(', ')}]`,
      received: zb.shape,
    });
  }
  if (za.shape[0] < 2) {
    throw new ManyViewsError('SHAPE_MISMATCH', 'vicregLoss: variances need two examples', {
      expected: 'N >= 2',
      received: za.shape,
    });
  }

  return tf.tidy(() => ({
    invariance: tf.mean(tf.squaredDifference(za, zb)) as tf.Scalar,
    variance: tf.add(
      varianceTerm(za, epsilon, gamma),
      varianceTerm(zb, epsilon, gamma),
    ) as tf.Scalar,
    covariance: tf.add(covarianceTerm(za), covarianceTerm(zb)) as tf.Scalar,
  }));
}

/** `v(Z) = mean_k relu(gamma - sqrt(Var(Z_:k) + eps))`, unbiased variance. */
function varianceTerm(z: tf.Tensor2D, epsilon: number, gamma: number): tf.Scalar {
  const n = z.shape[0];
  const centred = tf.sub(z, tf.mean(z, 0, true));
  const variance = tf.div(tf.sum(tf.square(centred), 0), n - 1);
  return tf.mean(tf.relu(tf.sub(gamma, tf.sqrt(tf.add(variance, epsilon))))) as tf.Scalar;
}

/** `c(Z) = sum_{k != l} Cov(Z)_kl^2 / D`. */
function covarianceTerm(z: tf.Tensor2D): tf.Scalar {
  const [n, d] = z.shape;
  const centred = tf.sub(z, tf.mean(z, 0, true));
  const cov = tf.div(tf.matMul(centred, centred, true, false), n - 1);
  const offDiagonal = tf.mul(cov, tf.sub(1, tf.eye(d)));
  return tf.div(tf.sum(tf.square(offDiagonal)), d) as tf.Scalar;
}

function checkNonNegative(values: Record<string, number>): void {
  for (const [name, value] of Object.entries(values)) {
    if (!(value >= 0) || !Number.isFinite(value)) {
      throw new ManyViewsError('INVALID_OPTION', `vicregLoss: ${name} must not be negative`, {
        expected: 'a finite number >= 0',
        received: value,
      });
    }
  }
}
