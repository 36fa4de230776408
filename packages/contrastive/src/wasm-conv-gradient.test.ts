import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from './backend.js';

/** Finite-difference gradient of sum(conv2d(x, w) * probe) with respect to w, in float64 JS. */
function numericFilterGrad(
  x: tf.Tensor4D,
  w: tf.Tensor4D,
  probe: tf.Tensor4D,
  strides: number,
  pad: 'same' | 'valid',
): number[] {
  const base = Array.from(w.dataSync());
  const f = (values: number[]) =>
    tf.tidy(
      () =>
        tf
          .sum(tf.mul(tf.conv2d(x, tf.tensor4d(values, w.shape), strides, pad), probe))
          .dataSync()[0],
    );
  const eps = 1e-2;
  return base.map((_, k) => {
    const plus = [...base];
    const minus = [...base];
    plus[k] += eps;
    minus[k] -= eps;
    return (f(plus) - f(minus)) / (2 * eps);
  });
}

describe('conv2d filter gradient on wasm', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  for (const [strides, pad] of [
    [1, 'same'],
    [1, 'valid'],
    [2, 'same'],
    [2, 'valid'],
  ] as const) {
    it(`gives the input gradient of finite differences (stride ${strides}, ${pad} padding)`, () => {
      tf.tidy(() => {
        const x = tf.randomNormal([1, 5, 6, 2], 0, 1, 'float32', 6) as tf.Tensor4D;
        const w = tf.randomNormal([3, 3, 2, 3], 0, 1, 'float32', 7) as tf.Tensor4D;
        const probe = tf.randomNormal(
          tf.conv2d(x, w, strides, pad).shape,
          0,
          1,
          'float32',
          8,
        ) as tf.Tensor4D;
        const loss = (input: tf.Tensor) =>
          tf.sum(tf.mul(tf.conv2d(input as tf.Tensor4D, w, strides, pad), probe));
        const analytic = Array.from(tf.grad(loss)(x).dataSync());
        const base = Array.from(x.dataSync());
        const worst = Math.max(
          ...base.map((_, k) => {
            const plus = [...base];
            const minus = [...base];
            plus[k] += 1e-2;
            minus[k] -= 1e-2;
            const numeric =
              (loss(tf.tensor4d(plus, x.shape)).dataSync()[0] -
                loss(tf.tensor4d(minus, x.shape)).dataSync()[0]) /
              2e-2;
            return Math.abs(numeric - analytic[k]);
          }),
        );
        expect(worst).toBeLessThan(2e-2);
      });
    });

    it(`matches finite differences (stride ${strides}, ${pad} padding)`, () => {
      tf.tidy(() => {
        const x = tf.randomNormal([2, 6, 7, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
        const w = tf.randomNormal([3, 3, 3, 4], 0, 1, 'float32', 2) as tf.Tensor4D;
        const out = tf.conv2d(x, w, strides, pad);
        const probe = tf.randomNormal(out.shape, 0, 1, 'float32', 3) as tf.Tensor4D;
        const grad = tf.grad((filter: tf.Tensor) =>
          tf.sum(tf.mul(tf.conv2d(x, filter as tf.Tensor4D, strides, pad), probe)),
        )(w);
        const numeric = numericFilterGrad(x, w, probe, strides, pad);
        const analytic = Array.from(grad.dataSync());
        const worst = Math.max(...analytic.map((g, k) => Math.abs(g - numeric[k])));
        expect(worst).toBeLessThan(2e-2);
      });
    });
  }

  it('trains a convolution end to end: the input gradient is tfjs’s own rule', () => {
    tf.tidy(() => {
      const x = tf.variable(tf.randomNormal([1, 5, 5, 2], 0, 1, 'float32', 4));
      const w = tf.variable(tf.randomNormal([3, 3, 2, 2], 0, 1, 'float32', 5));
      const { grads } = tf.variableGrads(
        () => tf.sum(tf.square(tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same'))),
        [x, w],
      );
      expect(grads[x.name].shape).toEqual([1, 5, 5, 2]);
      expect(grads[w.name].shape).toEqual([3, 3, 2, 2]);
      expect(Number.isFinite(tf.sum(grads[w.name]).dataSync()[0])).toBe(true);
    });
  });
});
