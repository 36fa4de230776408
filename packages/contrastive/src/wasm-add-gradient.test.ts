import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from './backend.js';

/** `dL/da` and `dL/db` of `sum(add(a, b) * probe)`, which are `probe` summed onto each shape. */
function addGrads(aShape: number[], bShape: number[]) {
  return tf.tidy(() => {
    const a = tf.randomNormal(aShape, 0, 1, 'float32', 1);
    const b = tf.randomNormal(bShape, 0, 1, 'float32', 2);
    const probe = tf.randomNormal(tf.add(a, b).shape, 0, 1, 'float32', 3);
    const [da, db] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(tf.add(x, y), probe)))([
      a,
      b,
    ]);
    return { da: Array.from(da.dataSync()), db: Array.from(db.dataSync()), probe };
  });
}

/** `probe` summed in plain JS over the axes broadcasting added to reach `shape` from `out`. */
function reduceTo(probe: tf.Tensor, shape: number[]): number[] {
  const out = probe.shape;
  const padded = [...Array(out.length - shape.length).fill(1), ...shape];
  const values = probe.dataSync();
  const sums = new Array(padded.reduce((p, d) => p * d, 1)).fill(0);
  const index = new Array(out.length).fill(0);
  for (let k = 0; k < values.length; k++) {
    let target = 0;
    for (let axis = 0; axis < out.length; axis++) {
      target = target * padded[axis] + (padded[axis] === 1 ? 0 : index[axis]);
    }
    sums[target] += values[k];
    for (let axis = out.length - 1; axis >= 0; axis--) {
      if (++index[axis] < out[axis]) break;
      index[axis] = 0;
    }
  }
  return sums;
}

describe('add gradient on wasm', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  for (const [aShape, bShape] of [
    [[4, 3, 3, 5], [5]],
    [
      [6, 7],
      [1, 7],
    ],
    [
      [2, 3, 4],
      [3, 4],
    ],
    [
      [3, 4],
      [3, 4],
    ],
    [
      [2, 3, 4],
      [2, 1, 4],
    ],
    [[3, 4], []],
    [[5], [2, 3, 5]],
  ]) {
    it(`reduces the gradient onto each operand (${JSON.stringify(aShape)} + ${JSON.stringify(bShape)})`, () => {
      const { da, db, probe } = addGrads(aShape, bShape);
      const close = (got: number[], want: number[]) => {
        expect(got.length).toBe(want.length);
        for (const [i, g] of got.entries()) expect(g).toBeCloseTo(want[i], 3);
      };

      close(da, reduceTo(probe, aShape));
      close(db, reduceTo(probe, bShape));
      probe.dispose();
    });
  }

  it('reduces a bias gradient by a matrix product, not by wasm’s slow Sum', async () => {
    const a = tf.randomNormal([8, 4, 4, 3]);
    const b = tf.randomNormal([3]);
    const dy = tf.randomNormal([8, 4, 4, 3]);
    const info = await tf.profile(() => {
      tf.dispose(tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.add(x, y))([a, b], dy));
    });
    tf.dispose([a, b, dy]);
    const kernels = info.kernels.map((k) => k.name);

    expect(kernels).toContain('BatchMatMul');
    expect(kernels).not.toContain('Sum');
  });

  it('leaks no tensors', () => {
    const before = tf.memory().numTensors;
    const { probe } = addGrads([8, 4, 4, 3], [3]);
    probe.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
