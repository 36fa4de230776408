import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend.js';
import { debiasedLoss } from './debiased-loss.js';
import { l2Normalize, ntXentLoss } from './nt-xent.js';

/** Chuang et al. 2020, eq. 6, in plain numbers on unit rows: `rows` is `[...z1, ...z2]`. */
function reference(rows: number[][], t: number, tauPlus: number): number {
  const n2 = rows.length;
  const b = n2 / 2;
  const negatives = n2 - 2;
  const s = (i: number, j: number) => rows[i].reduce((acc, x, k) => acc + x * rows[j][k], 0) / t;
  let total = 0;
  for (let i = 0; i < n2; i++) {
    const p = (i + b) % n2;
    let negSum = 0;
    for (let j = 0; j < n2; j++) if (j !== i && j !== p) negSum += Math.exp(s(i, j));
    const estimate = (-tauPlus * negatives * Math.exp(s(i, p)) + negSum) / (1 - tauPlus);
    const ng = Math.max(estimate, negatives * Math.exp(-1 / t));
    total += -Math.log(Math.exp(s(i, p)) / (Math.exp(s(i, p)) + ng));
  }
  return total / n2;
}

describe('debiasedLoss', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  // Unit rows: three examples in the plane, their second views rotated a little.
  const angle = [0, 2, 4];
  const z1 = angle.map((a) => [Math.cos(a), Math.sin(a)]);
  const z2 = angle.map((a) => [Math.cos(a + 0.3), Math.sin(a + 0.3)]);

  it('matches the paper formula computed by hand', () => {
    const loss = tf.tidy(
      () =>
        debiasedLoss(tf.tensor2d(z1), tf.tensor2d(z2), {
          temperature: 0.5,
          tauPlus: 0.1,
        }).dataSync()[0],
    );
    expect(loss).toBeCloseTo(reference([...z1, ...z2], 0.5, 0.1), 5);
  });

  it('clamps the negative term at N e^{-1/t} when the correction overshoots', () => {
    // With tau_plus = 0.6 and close positives the estimate goes below zero here, so only the
    // clamp keeps the logarithm finite.
    const rows = [...z1, ...z2];
    const b = 3;
    const s = (i: number, j: number) => (rows[i][0] * rows[j][0] + rows[i][1] * rows[j][1]) / 0.5;
    let negSum = 0;
    for (let j = 1; j < 6; j++) if (j !== b) negSum += Math.exp(s(0, j));
    expect(negSum - 0.6 * 4 * Math.exp(s(0, b))).toBeLessThan(0);

    const loss = tf.tidy(
      () =>
        debiasedLoss(tf.tensor2d(z1), tf.tensor2d(z2), {
          temperature: 0.5,
          tauPlus: 0.6,
        }).dataSync()[0],
    );
    expect(Number.isFinite(loss)).toBe(true);
    expect(loss).toBeCloseTo(reference(rows, 0.5, 0.6), 5);
  });

  it('is NT-Xent when tau_plus = 0, and keeps its value at a small temperature', () => {
    tf.tidy(() => {
      const a = tf.randomNormal([6, 8], 0, 1, 'float32', 3) as tf.Tensor2D;
      const b = tf.randomNormal([6, 8], 0, 1, 'float32', 4) as tf.Tensor2D;
      const debiased = debiasedLoss(a, b, { temperature: 0.5, tauPlus: 0 }).dataSync()[0];
      expect(debiased).toBeCloseTo(ntXentLoss(a, b, 0.5).dataSync()[0], 4);
      // At t = 0.005, e^{s/t} reaches e^200: past float32, within float64.
      const small = debiasedLoss(a, b, { temperature: 0.005, tauPlus: 0.1 }).dataSync()[0];
      const rows = l2Normalize(tf.concat([a, b], 0) as tf.Tensor2D).arraySync();
      expect(small).toBeCloseTo(reference(rows, 0.005, 0.1), 2);
    });
  });

  it('rejects a bad tau_plus, temperature or batch', () => {
    tf.tidy(() => {
      const a = tf.ones([2, 3]) as tf.Tensor2D;
      expect(() => debiasedLoss(a, a, { tauPlus: 1 })).toThrow(/tauPlus/);
      expect(() => debiasedLoss(a, a, { temperature: -1 })).toThrow(/temperature/);
      expect(() => debiasedLoss(a, tf.ones([3, 3]) as tf.Tensor2D)).toThrow(/\[B, D\]/);
      const one = tf.ones([1, 3]) as tf.Tensor2D;
      expect(() => debiasedLoss(one, one)).toThrow(/two examples/);
    });
  });
});
