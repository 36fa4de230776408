import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend.js';
import { vicregLoss, vicregTerms } from './vicreg-loss.js';

describe('vicregLoss', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('matches a hand computation on a 2x2 input', () => {
    // Z = [[1, 2], [3, 0]], Z' = [[1, 0], [1, 2]].
    // invariance: differences (0, 2), (2, -2), squares 0 + 4 + 4 + 4 = 12, over N D = 4: 3.
    // variance: Z's columns (1, 3) and (2, 0) both have unbiased variance 2, std 1.414 > 1: 0.
    //   Z' column (1, 1) has variance 0, std sqrt(1e-4) = 0.01, hinge 0.99; column (0, 2) gives 0;
    //   v(Z') = 0.99 / 2 = 0.495.
    // covariance: Z centred is [[-1, 1], [1, -1]], Cov = [[2, -2], [-2, 2]], off-diagonal
    //   squares 4 + 4 = 8, over D = 2: 4. Z' centred is [[0, -1], [0, 1]], Cov off-diagonal 0.
    // L = 25 * 3 + 25 * 0.495 + 1 * 4 = 91.375.
    tf.tidy(() => {
      const za = tf.tensor2d([
        [1, 2],
        [3, 0],
      ]);
      const zb = tf.tensor2d([
        [1, 0],
        [1, 2],
      ]);
      const terms = vicregTerms(za, zb);
      expect(terms.invariance.dataSync()[0]).toBeCloseTo(3, 5);
      expect(terms.variance.dataSync()[0]).toBeCloseTo(0.495, 5);
      expect(terms.covariance.dataSync()[0]).toBeCloseTo(4, 5);
      expect(vicregLoss(za, zb).dataSync()[0]).toBeCloseTo(91.375, 3);
      const weighted = vicregLoss(za, zb, {
        invarianceWeight: 1,
        varianceWeight: 2,
        covarianceWeight: 3,
      });
      expect(weighted.dataSync()[0]).toBeCloseTo(3 + 2 * 0.495 + 3 * 4, 4);
    });
  });

  it('uses the unbiased variance inside the hinge', () => {
    // One dimension, rows 0 and 1: unbiased variance 0.5, std sqrt(0.5001) = 0.707178, hinge
    // 0.292822 for each of Z and Z'; no off-diagonal covariance. L = 25 * 2 * 0.292822.
    tf.tidy(() => {
      const z = tf.tensor2d([[0], [1]]);
      expect(vicregTerms(z, z).variance.dataSync()[0]).toBeCloseTo(0.585644, 5);
      expect(vicregLoss(z, z).dataSync()[0]).toBeCloseTo(14.6411, 3);
    });
  });

  it('has no invariance or variance cost for identical well-spread inputs', () => {
    tf.tidy(() => {
      // Standard deviation about 3 in every dimension, far above gamma = 1.
      const z = tf.randomNormal([64, 8], 0, 3, 'float32', 9) as tf.Tensor2D;
      const terms = vicregTerms(z, z);
      expect(terms.invariance.dataSync()[0]).toBe(0);
      expect(terms.variance.dataSync()[0]).toBe(0);
      const covariance = terms.covariance.dataSync()[0];
      expect(covariance).toBeGreaterThan(0);
      expect(vicregLoss(z, z).dataSync()[0]).toBeCloseTo(covariance, 4);
    });
  });

  it('penalises collapse: constant embeddings cost mu (v(Z) + v(Z)) = 25 * 2 * 0.99', () => {
    tf.tidy(() => {
      const z = tf.ones([4, 3]) as tf.Tensor2D;
      expect(vicregLoss(z, z).dataSync()[0]).toBeCloseTo(25 * 2 * 0.99, 3);
    });
  });

  it('rejects a negative weight, a one-row batch or mismatched views', () => {
    tf.tidy(() => {
      const z = tf.ones([2, 3]) as tf.Tensor2D;
      expect(() => vicregLoss(z, z, { varianceWeight: -1 })).toThrow(/varianceWeight/);
      const one = tf.ones([1, 3]) as tf.Tensor2D;
      expect(() => vicregLoss(one, one)).toThrow(/two examples/);
      expect(() => vicregLoss(z, tf.ones([2, 4]) as tf.Tensor2D)).toThrow(/\[N, D\]/);
    });
  });
});
