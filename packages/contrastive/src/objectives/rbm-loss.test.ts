import { Rng } from '@manyviews/augment-core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend.js';
import { type RbmOptions, rbmCandidateWeights, rbmLoss, rbmLossSampled } from './rbm-loss.js';

/** Rows of standard normal numbers from a seeded stream, as nested JS arrays. */
function normalRows(rows: number, cols: number, seed: number): number[][] {
  const rng = new Rng(seed);
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => rng.normal()));
}

function unit(a: number[]): number[] {
  const norm = Math.sqrt(a.reduce((s, x) => s + x * x, 0));
  return a.map((x) => x / norm);
}

function dot(a: number[], b: number[]): number {
  return a.reduce((s, x, i) => s + x * b[i], 0);
}

/** The gradients of `f` at `inputs`, as flat JS arrays, one per input. */
function gradients(f: (...ts: tf.Tensor[]) => tf.Scalar, inputs: tf.Tensor[]): number[][] {
  return tf.tidy(() =>
    tf
      .grads(f)(inputs)
      .map((g) => Array.from(g.dataSync())),
  );
}

describe('rbmLoss', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('is InfoNCE over the candidates when M = 1, the activation is the identity and c = 0', () => {
    const n = 3;
    const tau = 0.3;
    const xs = normalRows(n, 4, 1);
    const vs = normalRows(n, 4, 2);
    const cs = [...xs, ...normalRows(2, 4, 3)];

    // InfoNCE with the view as query, the anchor as positive and every candidate in the partition.
    let expected = 0;
    for (let i = 0; i < n; i++) {
      const q = unit(vs[i]);
      const logits = cs.map((c) => dot(q, unit(c)) / tau);
      const logZ = Math.log(logits.reduce((s, l) => s + Math.exp(l), 0));
      expected += -dot(q, unit(xs[i])) / tau + logZ;
    }
    expected /= n;

    const loss = tf.tidy(
      () =>
        rbmLoss(tf.tensor2d(xs), tf.tensor3d(vs.map((row) => [row])), tf.tensor2d(cs), {
          temperature: tau,
          activation: 'identity',
          hiddenBias: 0,
        }).dataSync()[0],
    );
    expect(loss).toBeCloseTo(expected, 5);
  });

  it('matches a hand computation with softplus units, two views and a hidden bias', () => {
    const tau = 0.5;
    const c = -0.4;
    const xs = normalRows(2, 3, 41);
    const vs = normalRows(4, 3, 42);
    const cs = [...xs, ...normalRows(3, 3, 43)];
    const softplus = (a: number) => Math.log(1 + Math.exp(a));
    const g = (n: number, u: number[]) =>
      [vs[2 * n], vs[2 * n + 1]].reduce(
        (s, view) => s + softplus(dot(unit(u), unit(view)) / tau + c),
        0,
      );

    let expected = 0;
    for (let n = 0; n < 2; n++) {
      const logZ = Math.log(cs.reduce((s, u) => s + Math.exp(g(n, u)), 0));
      expected += (-g(n, xs[n]) + logZ) / 2;
    }

    const loss = tf.tidy(
      () =>
        rbmLoss(tf.tensor2d(xs), tf.tensor3d(vs.flat(), [2, 2, 3]), tf.tensor2d(cs), {
          temperature: tau,
          hiddenBias: tf.scalar(c),
        }).dataSync()[0],
    );
    expect(loss).toBeCloseTo(expected, 5);
  });

  it('has analytic gradients that match central finite differences', () => {
    const shapes: number[][] = [[2, 3], [2, 2, 3], [2, 3], []];
    const values = [
      normalRows(2, 3, 11).flat(),
      normalRows(4, 3, 12).flat(),
      normalRows(2, 3, 13).flat(),
      [0.3],
    ];
    // The candidates are the anchors followed by two bank rows, so x gets gradient through both.
    const f = (x: tf.Tensor, v: tf.Tensor, extra: tf.Tensor, c: tf.Tensor) =>
      rbmLoss(x as tf.Tensor2D, v as tf.Tensor3D, tf.concat([x, extra], 0) as tf.Tensor2D, {
        temperature: 0.5,
        hiddenBias: c as tf.Scalar,
      });
    const at = (vals: number[][]) =>
      tf.tidy(() => {
        const ts = vals.map((a, i) => tf.tensor(a, shapes[i]));
        return f(ts[0], ts[1], ts[2], ts[3]).dataSync()[0];
      });

    const analytic = tf.tidy(() => {
      const ts = values.map((a, i) => tf.tensor(a, shapes[i]));
      return gradients(f as (...ts: tf.Tensor[]) => tf.Scalar, ts);
    });

    const eps = 1e-2;
    for (let t = 0; t < values.length; t++) {
      for (let i = 0; i < values[t].length; i++) {
        const plus = values.map((a) => [...a]);
        const minus = values.map((a) => [...a]);
        plus[t][i] += eps;
        minus[t][i] -= eps;
        const numeric = (at(plus) - at(minus)) / (2 * eps);
        expect(Math.abs(analytic[t][i] - numeric)).toBeLessThan(2e-3 + 1e-2 * Math.abs(numeric));
      }
    }
  });

  it('rejects a bad temperature, activation or candidate set', () => {
    tf.tidy(() => {
      const x = tf.ones([2, 3]) as tf.Tensor2D;
      const v = tf.ones([2, 1, 3]) as tf.Tensor3D;
      expect(() => rbmLoss(x, v, x, { temperature: 0 })).toThrow(/temperature/);
      const bad = { activation: 'relu' } as unknown as RbmOptions;
      expect(() => rbmLoss(x, v, x, bad)).toThrow(/activation/);
      expect(() => rbmLoss(x, v, tf.ones([1, 3]) as tf.Tensor2D)).toThrow(/anchors/);
      expect(() => rbmLoss(x, v, tf.ones([2, 4]) as tf.Tensor2D)).toThrow(/\[K, 3\]/);
    });
  });
});

describe('rbmCandidateWeights', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('gives each example a distribution over the candidates, peaked where its views point', () => {
    tf.tidy(() => {
      const v = tf.tensor3d(normalRows(4 * 3, 5, 21).flat(), [4, 3, 5]);
      // Candidate 6 is example 1's first view, so example 1's RBM should favour it.
      const c = tf.concat([
        tf.tensor2d(normalRows(6, 5, 22)),
        tf.reshape(tf.slice(v, [1, 0, 0], [1, 1, 5]), [1, 5]),
      ]);
      const p = rbmCandidateWeights(v, c as tf.Tensor2D, {
        temperature: 0.2,
        hiddenBias: -1,
      });
      expect(p.shape).toEqual([4, 7]);
      const rows = p.arraySync();
      for (const row of rows) {
        expect(row.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 5);
        for (const w of row) expect(w).toBeGreaterThan(0);
      }
      expect(rows[1].indexOf(Math.max(...rows[1]))).toBe(6);
    });
  });
});

describe('rbmLossSampled', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  // N = 3 anchors, M = 2 views, a bank of the anchors and 5 more rows, D = 4.
  const xs = normalRows(3, 4, 31);
  const vs = normalRows(6, 4, 32).flat();
  const extras = normalRows(5, 4, 33);
  const options = { temperature: 0.25, numSamples: 8 };
  const exactLoss = (x: tf.Tensor, v: tf.Tensor, extra: tf.Tensor, c: tf.Tensor) =>
    rbmLoss(x as tf.Tensor2D, v as tf.Tensor3D, tf.concat([x, extra], 0) as tf.Tensor2D, {
      ...options,
      hiddenBias: c as tf.Scalar,
    });
  const sampledLoss = (rng: Rng) => (x: tf.Tensor, v: tf.Tensor, extra: tf.Tensor, c: tf.Tensor) =>
    rbmLossSampled(x as tf.Tensor2D, v as tf.Tensor3D, tf.concat([x, extra], 0) as tf.Tensor2D, {
      ...options,
      hiddenBias: c as tf.Scalar,
      rng,
    });
  const inputs = () => [
    tf.tensor2d(xs),
    tf.tensor3d(vs, [3, 2, 4]),
    tf.tensor2d(extras),
    tf.scalar(0.2),
  ];

  it('has an unbiased gradient: its mean over many draws approaches the exact gradient', () => {
    // The draw is from p_n itself with the samples held constant, so E[grad] is exactly the
    // gradient of rbmLoss over the bank; the mean of 300 draws of K' = 8 is within a few percent.
    // A biased draw (uniform over the bank, say) lands far outside the 10% allowed here.
    const before = tf.memory().numTensors;
    const { exact, mean } = tf.tidy(() => {
      const ts = inputs();
      const exact = gradients(exactLoss as (...ts: tf.Tensor[]) => tf.Scalar, ts).flat();
      const mean = new Array<number>(exact.length).fill(0);
      const draws = 300;
      for (let s = 0; s < draws; s++) {
        const f = sampledLoss(new Rng(s)) as (...ts: tf.Tensor[]) => tf.Scalar;
        gradients(f, ts)
          .flat()
          .forEach((g, i) => {
            mean[i] += g / draws;
          });
      }
      return { exact, mean };
    });
    expect(tf.memory().numTensors).toBe(before);

    const diff = Math.sqrt(exact.reduce((s, g, i) => s + (g - mean[i]) ** 2, 0));
    const norm = Math.sqrt(exact.reduce((s, g) => s + g * g, 0));
    expect(diff / norm).toBeLessThan(0.1);
  });

  it('reports the exact loss as its value and reproduces a draw from its seed', () => {
    tf.tidy(() => {
      const ts = inputs();
      const [x, v, extra, c] = ts;
      const exact = exactLoss(x, v, extra, c).dataSync()[0];
      const value = sampledLoss(new Rng(5))(x, v, extra, c).dataSync()[0];
      expect(value).toBeCloseTo(exact, 4);

      const once = gradients(sampledLoss(new Rng(5)) as (...ts: tf.Tensor[]) => tf.Scalar, ts);
      const again = gradients(sampledLoss(new Rng(5)) as (...ts: tf.Tensor[]) => tf.Scalar, ts);
      const other = gradients(sampledLoss(new Rng(6)) as (...ts: tf.Tensor[]) => tf.Scalar, ts);
      expect(again).toEqual(once);
      expect(other).not.toEqual(once);
    });
  });

  it('rejects a number of samples that is not a positive integer', () => {
    tf.tidy(() => {
      const [x, v] = inputs();
      const call = (numSamples: number) =>
        rbmLossSampled(x as tf.Tensor2D, v as tf.Tensor3D, x as tf.Tensor2D, {
          numSamples,
          rng: new Rng(0),
        });
      expect(() => call(0)).toThrow(/numSamples/);
      expect(() => call(1.5)).toThrow(/numSamples/);
    });
  });
});
