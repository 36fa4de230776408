import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend.js';
import { ntXentLoss, rowLogSumExp } from './nt-xent.js';

describe('ntXentLoss', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('matches a hand computation on two examples', () => {
    // Unit rows: a1 = (1, 0), a2 = (0, 1), b1 = (1, 0), b2 = (0.6, 0.8); tau = 1.
    const z1 = tf.tensor2d([
      [1, 0],
      [0, 1],
    ]);
    const z2 = tf.tensor2d([
      [1, 0],
      [0.6, 0.8],
    ]);
    const rows = [
      [1, 0],
      [0, 1],
      [1, 0],
      [0.6, 0.8],
    ];
    const dot = (i: number, j: number) => rows[i][0] * rows[j][0] + rows[i][1] * rows[j][1];
    let expected = 0;
    for (let i = 0; i < 4; i++) {
      const pos = (i + 2) % 4;
      let sum = 0;
      for (let j = 0; j < 4; j++) if (j !== i) sum += Math.exp(dot(i, j));
      expected += -dot(i, pos) + Math.log(sum);
    }
    expected /= 4;
    const loss = ntXentLoss(z1, z2, 1);
    expect(loss.dataSync()[0]).toBeCloseTo(expected, 5);
    tf.dispose([z1, z2, loss]);
  });

  it('is invariant to the scale of its inputs and lower for aligned pairs', () => {
    tf.tidy(() => {
      const a = tf.randomNormal([8, 16], 0, 1, 'float32', 7) as tf.Tensor2D;
      const noise = tf.randomNormal([8, 16], 0, 1, 'float32', 8) as tf.Tensor2D;
      const aligned = ntXentLoss(
        a,
        tf.add(a, tf.mul(noise, 0.01)) as tf.Tensor2D,
        0.5,
      ).dataSync()[0];
      const random = ntXentLoss(a, noise, 0.5).dataSync()[0];
      expect(aligned).toBeLessThan(random);
      expect(ntXentLoss(tf.mul(a, 3) as tf.Tensor2D, noise, 0.5).dataSync()[0]).toBeCloseTo(
        random,
        4,
      );
    });
  });

  it('takes each row’s log-sum-exp with the gradient of tfjs’s, masked diagonal included', () => {
    tf.tidy(() => {
      const x = tf.sub(
        tf.randomNormal([6, 6], 0, 3, 'float32', 5),
        tf.mul(tf.eye(6), 1e9),
      ) as tf.Tensor2D;
      const probe = tf.randomNormal([6], 0, 1, 'float32', 6);
      const loss = (f: (v: tf.Tensor2D) => tf.Tensor) => (v: tf.Tensor) =>
        tf.sum(tf.mul(f(v as tf.Tensor2D), probe));
      const ours = tf.grad(loss(rowLogSumExp))(x).dataSync();
      const theirs = tf
        .grad(loss((v) => tf.logSumExp(v, 1)))(x)
        .dataSync();

      expect(Array.from(rowLogSumExp(x).dataSync())).toEqual(
        Array.from(tf.logSumExp(x, 1).dataSync()),
      );
      for (const [i, g] of ours.entries()) expect(g).toBeCloseTo(theirs[i], 5);
    });
  });
});
