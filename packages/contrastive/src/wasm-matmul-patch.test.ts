import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from './backend.js';

function close(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

describe('patched wasm matMul', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('gives the same products for every transpose combination', () => {
    tf.tidy(() => {
      const a = tf.randomNormal([5, 7], 0, 1, 'float32', 1);
      const b = tf.randomNormal([7, 3], 0, 1, 'float32', 2);
      const reference = tf.tensor2d(
        naiveMatMul(a.arraySync() as number[][], b.arraySync() as number[][]),
      );
      expect(close(tf.matMul(a, b), reference)).toBeLessThan(1e-4);
      expect(close(tf.matMul(tf.transpose(a), b, true, false), reference)).toBeLessThan(1e-4);
      expect(close(tf.matMul(a, tf.transpose(b), false, true), reference)).toBeLessThan(1e-4);
      expect(
        close(tf.matMul(tf.transpose(a), tf.transpose(b), true, true), reference),
      ).toBeLessThan(1e-4);
    });
  });

  it('handles batched operands and leaves no temporary tensors behind', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const a = tf.randomNormal([2, 4, 3], 0, 1, 'float32', 3);
      const b = tf.randomNormal([2, 5, 3], 0, 1, 'float32', 4);
      const got = tf.matMul(a, b, false, true);
      const want = tf.stack(
        [0, 1].map((i) => tf.matMul(tf.gather(a, i), tf.transpose(tf.gather(b, i)))),
      );
      expect(close(got, want)).toBeLessThan(1e-4);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});

function naiveMatMul(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));
}
