import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from './backend.js';
import { convBiasRelu } from './conv-bias-relu.js';

type Case = {
  stride: number;
  pool: boolean;
  shape: [number, number, number, number];
  inputGradient?: boolean;
};

/** The block as separate tfjs ops, each with tfjs's own gradient. */
function reference(x: tf.Tensor4D, w: tf.Tensor4D, b: tf.Tensor1D, { stride, pool }: Case) {
  const y = tf.relu(tf.add(tf.conv2d(x, w, stride, 'same'), b)) as tf.Tensor4D;
  return pool ? tf.maxPool(y, 2, 2, 'valid') : y;
}

/** Gradients of `sum(block(x, w, b) * probe)` with respect to x, w and b, and the value. */
function gradientsOf(
  block: (x: tf.Tensor4D, w: tf.Tensor4D, b: tf.Tensor1D) => tf.Tensor4D,
  c: Case,
  inC = 3,
) {
  return tf.tidy(() => {
    const [batch, h, w0] = c.shape;
    const x = tf.randomNormal([batch, h, w0, inC], 0, 1, 'float32', 1) as tf.Tensor4D;
    const w = tf.randomNormal([3, 3, inC, c.shape[3]], 0, 0.5, 'float32', 2) as tf.Tensor4D;
    const b = tf.randomNormal([c.shape[3]], 0, 0.5, 'float32', 3) as tf.Tensor1D;
    const out = block(x, w, b);
    const probe = tf.randomNormal(out.shape, 0, 1, 'float32', 4);
    const f = (xs: tf.Tensor, ws: tf.Tensor, bs: tf.Tensor) =>
      tf.sum(tf.mul(block(xs as tf.Tensor4D, ws as tf.Tensor4D, bs as tf.Tensor1D), probe));
    return [out, ...tf.grads(f)([x, w, b])].map((t) => Array.from(t.dataSync()));
  });
}

const cases: Case[] = [
  { stride: 1, pool: false, shape: [2, 6, 5, 4] },
  { stride: 1, pool: true, shape: [2, 6, 8, 4] },
  { stride: 2, pool: false, shape: [2, 7, 6, 4] },
  { stride: 2, pool: true, shape: [1, 8, 8, 5] },
  // A first layer: no input gradient, so the filter gradient is one product with the patches.
  { stride: 1, pool: true, shape: [3, 6, 4, 5], inputGradient: false },
  { stride: 1, pool: false, shape: [2, 5, 7, 3], inputGradient: false },
];

for (const backend of ['wasm', 'cpu'] as const) {
  describe(`convBiasRelu on ${backend}`, () => {
    let before: string;
    beforeAll(async () => {
      before = tf.getBackend();
      await tf.setBackend(backend === 'wasm' ? (await selectBackend('wasm')).tfName : 'cpu');
    });
    afterAll(async () => {
      if (before) await tf.setBackend(before);
    });

    for (const c of cases) {
      const what = `conv2d + bias + relu${c.pool ? ' + max-pool' : ''}`;
      const how = `stride ${c.stride}${c.inputGradient === false ? ', no input gradient' : ''}`;
      it(`matches ${what} and their gradients (${how})`, () => {
        const got = gradientsOf((x, w, b) => convBiasRelu(x, w, b, c), c);
        const want = gradientsOf((x, w, b) => reference(x, w, b, c), c);
        for (const [k, name] of ['value', 'dx', 'dfilter', 'dbias'].entries()) {
          if (name === 'dx' && c.inputGradient === false) {
            expect(got[k].every((v) => v === 0)).toBe(true);
            continue;
          }
          expect(got[k].length, name).toBe(want[k].length);
          const worst = Math.max(...got[k].map((v, i) => Math.abs(v - want[k][i])));
          expect({ name, worst: worst < 1e-3 }).toEqual({ name, worst: true });
        }
      });
    }

    it('routes a tied window to its first entry and passes nothing where the ReLU is 0', () => {
      tf.tidy(() => {
        // One input channel, a 1x1 filter of 1 and bias 0: the block is relu(x), then pooled.
        const x = tf.tensor4d([2, 2, -1, 0, -3, -1, -2, -5], [2, 2, 2, 1]);
        const w = tf.ones([1, 1, 1, 1]) as tf.Tensor4D;
        const b = tf.zeros([1]) as tf.Tensor1D;
        const [dx, , db] = tf.grads((xs: tf.Tensor, ws: tf.Tensor, bs: tf.Tensor) =>
          tf.sum(
            tf.mul(
              convBiasRelu(xs as tf.Tensor4D, ws as tf.Tensor4D, bs as tf.Tensor1D, { pool: true }),
              3,
            ),
          ),
        )([x, w, b]);
        expect(Array.from(dx.dataSync())).toEqual([3, 0, 0, 0, 0, 0, 0, 0]);
        expect(Array.from(db.dataSync())).toEqual([3]);
      });
    });

    it('leaves no tensors behind after a gradient step, and gives zeros for an unwanted dx', () => {
      const x = tf.randomNormal([2, 8, 8, 2]) as tf.Tensor4D;
      const w = tf.variable(tf.randomNormal([3, 3, 2, 4])) as tf.Variable<tf.Rank.R4>;
      const b = tf.variable(tf.zeros([4])) as tf.Variable<tf.Rank.R1>;
      const step = () =>
        tf.tidy(() => {
          const f = (xs: tf.Tensor, ws: tf.Tensor, bs: tf.Tensor) =>
            tf.sum(
              convBiasRelu(xs as tf.Tensor4D, ws as tf.Tensor4D, bs as tf.Tensor1D, {
                pool: true,
                inputGradient: false,
              }),
            );
          const [dx] = tf.grads(f)([x, w, b]);
          return tf.max(tf.abs(dx)).dataSync()[0];
        });
      step();
      const { numTensors, numBytes } = tf.memory();

      expect(step()).toBe(0);
      expect(tf.memory()).toMatchObject({ numTensors, numBytes });
      tf.dispose([x, w, b]);
    });
  });
}
