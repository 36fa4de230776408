import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from './backend.js';

/** `dL/dx` of `sum(maxPool(x) * probe)` worked out by hand: probe at each window's first max. */
function expectedGrad(x: tf.Tensor4D, probe: tf.Tensor4D): number[] {
  const [batch, h, w, c] = x.shape;
  const xv = x.arraySync();
  const pv = probe.arraySync();
  const out = tf.zeros(x.shape).arraySync() as number[][][][];
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < h / 2; i++) {
      for (let j = 0; j < w / 2; j++) {
        for (let k = 0; k < c; k++) {
          let best = [2 * i, 2 * j];
          for (const [r, s] of [
            [2 * i, 2 * j + 1],
            [2 * i + 1, 2 * j],
            [2 * i + 1, 2 * j + 1],
          ]) {
            if (xv[b][r][s][k] > xv[b][best[0]][best[1]][k]) best = [r, s];
          }
          out[b][best[0]][best[1]][k] = pv[b][i][j][k];
        }
      }
    }
  }
  return out.flat(3);
}

describe('max-pool gradient on wasm', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  for (const pad of ['same', 'valid'] as const) {
    it(`routes each window's gradient to its largest input (${pad} padding)`, () => {
      tf.tidy(() => {
        const x = tf.randomNormal([2, 6, 4, 3], 0, 1, 'float32', 11) as tf.Tensor4D;
        const probe = tf.randomNormal([2, 3, 2, 3], 0, 1, 'float32', 12) as tf.Tensor4D;
        const grad = tf.grad((v: tf.Tensor) =>
          tf.sum(tf.mul(tf.maxPool(v as tf.Tensor4D, 2, 2, pad), probe)),
        );

        const got = Array.from(grad(x).dataSync());
        const want = expectedGrad(x, probe);
        for (const [i, g] of got.entries()) expect(g).toBeCloseTo(want[i], 5);
      });
    });
  }

  it('takes the fast path for 2x2 pools (no MaxPoolGrad kernel) and tfjs’s for others', async () => {
    const x = tf.randomNormal([2, 8, 8, 4]) as tf.Tensor4D;
    const kernelsOf = async (size: number) => {
      const dy = tf.ones(tf.maxPool(x, size, size, 'same').shape);
      const info = await tf.profile(() => {
        tf.grad((v: tf.Tensor) => tf.maxPool(v as tf.Tensor4D, size, size, 'same'))(
          x,
          dy,
        ).dispose();
      });
      dy.dispose();
      return info.kernels.map((k) => k.name);
    };

    expect(await kernelsOf(2)).not.toContain('MaxPoolGrad');
    expect(await kernelsOf(3)).toContain('MaxPoolGrad');
    x.dispose();
  });

  it('leaves an odd side to tfjs’s rule, with a gradient of the input’s shape', async () => {
    const x = tf.randomNormal([1, 5, 5, 2]);
    const info = await tf.profile(() => {
      const g = tf.grad((v: tf.Tensor) => tf.sum(tf.maxPool(v as tf.Tensor4D, 2, 2, 'same')))(x);
      expect(g.shape).toEqual([1, 5, 5, 2]);
      g.dispose();
    });

    expect(info.kernels.map((k) => k.name)).toContain('MaxPoolGrad');
    x.dispose();
  });
});
