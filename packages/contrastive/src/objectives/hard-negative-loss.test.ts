import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend.js';
import { debiasedLoss } from './debiased-loss.js';
import { hardNegativeLoss } from './hard-negative-loss.js';
import { l2Normalize, ntXentLoss } from './nt-xent.js';

/**
 * Robinson et al. 2021 in plain numbers, step by step as the authors' code does it: `neg` the
 * exponentiated negatives, `imp = neg^beta`, `reweight = sum(imp * neg) / mean(imp)`.
 */
function reference(rows: number[][], t: number, beta: number, tauPlus: number): number {
  const n2 = rows.length;
  const b = n2 / 2;
  const negatives = n2 - 2;
  const s = (i: number, j: number) => rows[i].reduce((acc, x, k) => acc + x * rows[j][k], 0) / t;
  let total = 0;
  for (let i = 0; i < n2; i++) {
    const p = (i + b) % n2;
    const neg: number[] = [];
    for (let j = 0; j < n2; j++) if (j !== i && j !== p) neg.push(Math.exp(s(i, j)));
    const imp = neg.map((e) => e ** beta);
    const meanImp = imp.reduce((acc, w) => acc + w, 0) / negatives;
    const reweight = neg.reduce((acc, e, k) => acc + imp[k] * e, 0) / meanImp;
    const pos = Math.exp(s(i, p));
    const ng = Math.max(
      (-tauPlus * negatives * pos + reweight) / (1 - tauPlus),
      negatives * Math.exp(-1 / t),
    );
    total += -Math.log(pos / (pos + ng));
  }
  return total / n2;
}

describe('hardNegativeLoss', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('matches the authors’ computation by hand with beta = 1', () => {
    const angle = [0, 1, 2.5, 4];
    const z1 = angle.map((a) => [Math.cos(a), Math.sin(a)]);
    const z2 = angle.map((a) => [Math.cos(a + 0.4), Math.sin(a + 0.4)]);
    const loss = tf.tidy(
      () =>
        hardNegativeLoss(tf.tensor2d(z1), tf.tensor2d(z2), {
          temperature: 0.5,
          beta: 1,
          tauPlus: 0.1,
        }).dataSync()[0],
    );
    expect(loss).toBeCloseTo(reference([...z1, ...z2], 0.5, 1, 0.1), 5);
  });

  it('is the debiased loss when beta = 0, and NT-Xent when tau_plus = 0 too', () => {
    tf.tidy(() => {
      const a = tf.randomNormal([6, 8], 0, 1, 'float32', 5) as tf.Tensor2D;
      const b = tf.add(a, tf.randomNormal([6, 8], 0, 0.7, 'float32', 6)) as tf.Tensor2D;
      for (const tauPlus of [0.05, 0.1, 0.3]) {
        const hard = hardNegativeLoss(a, b, { temperature: 0.5, beta: 0, tauPlus }).dataSync()[0];
        const debiased = debiasedLoss(a, b, { temperature: 0.5, tauPlus }).dataSync()[0];
        expect(hard).toBeCloseTo(debiased, 5);
      }
      const plain = hardNegativeLoss(a, b, { temperature: 0.5, beta: 0, tauPlus: 0 }).dataSync()[0];
      expect(plain).toBeCloseTo(ntXentLoss(a, b, 0.5).dataSync()[0], 4);
      // And beta matters: weighting towards hard negatives raises the loss.
      const weighted = hardNegativeLoss(a, b, { temperature: 0.5, beta: 1, tauPlus: 0 });
      expect(weighted.dataSync()[0]).toBeGreaterThan(plain + 1e-3);
    });
  });

  it('keeps its value at a small temperature and a large beta, where e^{beta s} overflows', () => {
    tf.tidy(() => {
      const a = tf.randomNormal([6, 8], 0, 1, 'float32', 7) as tf.Tensor2D;
      const b = tf.randomNormal([6, 8], 0, 1, 'float32', 8) as tf.Tensor2D;
      const loss = hardNegativeLoss(a, b, { temperature: 0.01, beta: 3 }).dataSync()[0];
      // float64 holds e^{(1 + beta) / t} = e^400, float32 does not.
      const rows = l2Normalize(tf.concat([a, b], 0) as tf.Tensor2D).arraySync();
      expect(loss).toBeCloseTo(reference(rows, 0.01, 3, 0.1), 2);
    });
  });

  it('rejects a negative beta, a bad tau_plus or mismatched views', () => {
    tf.tidy(() => {
      const a = tf.ones([2, 3]) as tf.Tensor2D;
      expect(() => hardNegativeLoss(a, a, { beta: -1 })).toThrow(/beta/);
      expect(() => hardNegativeLoss(a, a, { tauPlus: -0.1 })).toThrow(/tauPlus/);
      expect(() => hardNegativeLoss(a, tf.ones([2, 4]) as tf.Tensor2D)).toThrow(/\[B, D\]/);
    });
  });
});
