import { Rng } from '@manyviews/augment-core';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend.js';
import { bagEntries, bagTimesTable } from './sparse-bag-product.js';

const ROWS = 5;
const SLOTS = 23;
const DIM = 7;

/** Bags with a few non-zeros each (row 3 empty), a table, and an upstream weighting. */
function tinyCase(seed: number) {
  const rng = new Rng(seed);
  const bag = new Float32Array(ROWS * SLOTS);
  for (let r = 0; r < ROWS; r++) {
    if (r === 3) continue;
    for (let k = 0; k < 4; k++) bag[r * SLOTS + rng.int(0, SLOTS - 1)] = rng.next() * 2 - 1;
  }
  const normal = (n: number) => Float32Array.from({ length: n }, () => rng.next() * 2 - 1);
  return { bag, table: normal(SLOTS * DIM), weighting: normal(ROWS * DIM) };
}

/** Both operands' gradients of `sum(product(bag, table) * weighting)`. */
function gradients(product: typeof bagTimesTable, c: ReturnType<typeof tinyCase>) {
  return tf.tidy(() => {
    const weighting = tf.tensor2d(c.weighting, [ROWS, DIM]);
    const f = (bag: tf.Tensor, table: tf.Tensor) =>
      tf.sum(tf.mul(product(bag as tf.Tensor2D, table as tf.Tensor2D), weighting));
    const [dBag, dTable] = tf.grads(f)([
      tf.tensor2d(c.bag, [ROWS, SLOTS]),
      tf.tensor2d(c.table, [SLOTS, DIM]),
    ]);
    return { bag: dBag.dataSync(), table: dTable.dataSync() };
  });
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance = 1e-5) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    expect(Math.abs(actual[i] - expected[i])).toBeLessThan(tolerance);
  }
}

describe.each(['wasm', 'cpu'])('bagTimesTable on %s', (backend) => {
  beforeAll(async () => {
    await selectBackend('wasm');
    await tf.setBackend(backend);
  });
  afterAll(async () => {
    await tf.setBackend('wasm');
  });

  it('runs its own kernel on this backend, not a matMul', async () => {
    const bag = tf.tensor2d([0, 1, 0, 2], [2, 2]);
    const table = tf.ones([2, 3]) as tf.Tensor2D;
    const info = await tf.profile(() => bagTimesTable(bag as tf.Tensor2D, table));
    expect(info.kernelNames).toEqual(['ManyViewsBagTimesTable']);
    tf.dispose([bag, table, info.result as tf.Tensor]);
  });

  it('gives the dense product, an empty bag giving zeros', () => {
    const c = tinyCase(1);
    const [sparse, dense] = tf.tidy(() => {
      const bag = tf.tensor2d(c.bag, [ROWS, SLOTS]);
      const table = tf.tensor2d(c.table, [SLOTS, DIM]);
      return [bagTimesTable(bag, table).dataSync(), tf.matMul(bag, table).dataSync()];
    });
    expectClose(sparse, dense);
    expect(Array.from(sparse.subarray(3 * DIM, 4 * DIM))).toEqual(new Array(DIM).fill(0));
  });

  it("gives the dense product's gradients for the table and for the bag", () => {
    const c = tinyCase(2);
    const sparse = gradients(bagTimesTable, c);
    const dense = gradients((a, b) => tf.matMul(a, b), c);
    expectClose(sparse.table, dense.table);
    expectClose(sparse.bag, dense.bag);

    // Rows of slots no bag touches get exact zeros.
    const touched = new Set<number>();
    c.bag.forEach((v, i) => {
      if (v !== 0) touched.add(i % SLOTS);
    });
    const untouched = [...Array(SLOTS).keys()].find((s) => !touched.has(s))!;
    expect(Array.from(sparse.table.subarray(untouched * DIM, (untouched + 1) * DIM))).toEqual(
      new Array(DIM).fill(0),
    );
  });

  it("matches finite differences of the table's loss", () => {
    const c = tinyCase(3);
    const loss = (table: Float32Array) =>
      tf.tidy(() => {
        const y = bagTimesTable(
          tf.tensor2d(c.bag, [ROWS, SLOTS]),
          tf.tensor2d(table, [SLOTS, DIM]),
        );
        // A non-linear loss, so the check is not of a constant gradient.
        return tf.sum(tf.square(tf.mul(y, tf.tensor2d(c.weighting, [ROWS, DIM])))).dataSync()[0];
      });
    const analytic = tf.tidy(() => {
      const weighting = tf.tensor2d(c.weighting, [ROWS, DIM]);
      const bag = tf.tensor2d(c.bag, [ROWS, SLOTS]);
      const g = tf.grad((t: tf.Tensor) =>
        tf.sum(tf.square(tf.mul(bagTimesTable(bag, t as tf.Tensor2D), weighting))),
      );
      return g(tf.tensor2d(c.table, [SLOTS, DIM])).dataSync();
    });

    const eps = 1e-2;
    const slot = c.bag.findIndex((v) => v !== 0) % SLOTS;
    for (const i of [slot * DIM, slot * DIM + 3, (slot + 1) * DIM - 1]) {
      const up = Float32Array.from(c.table);
      const down = Float32Array.from(c.table);
      up[i] += eps;
      down[i] -= eps;
      const numeric = (loss(up) - loss(down)) / (2 * eps);
      expect(Math.abs(numeric - analytic[i])).toBeLessThan(1e-3 * Math.max(1, Math.abs(numeric)));
    }
  });

  it('leaks no tensors through a forward and backward pass', () => {
    const c = tinyCase(4);
    const table = tf.variable(tf.tensor2d(c.table, [SLOTS, DIM]));
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const bag = tf.tensor2d(c.bag, [ROWS, SLOTS]);
      const { value, grads } = tf.variableGrads(
        () => tf.sum(tf.square(bagTimesTable(bag, table))),
        [table],
      );
      value.dataSync();
      grads[table.name].dataSync();
    });
    expect(tf.memory().numTensors).toBe(before);
    table.dispose();
  });

  it('refuses operands that do not chain', () => {
    tf.tidy(() => {
      expect(() => bagTimesTable(tf.zeros([2, 4]), tf.zeros([5, 3]))).toThrow(
        expect.objectContaining({ code: 'SHAPE_MISMATCH' }),
      );
      expect(() => bagTimesTable(tf.zeros([2, 4], 'int32'), tf.zeros([4, 3]))).toThrow(
        /float32 \[n, slots\] and \[slots, dim\]/,
      );
    });
  });
});

describe('bagEntries', () => {
  it("lists each row's non-zeros in slot order", () => {
    const values = Float32Array.from([0, 2, 0, -1, 0, 0, 0, 0, 5, 0, 0, 0.5]);
    const { rowStart, slots, weights } = bagEntries(values, 3, 4);
    expect(Array.from(rowStart)).toEqual([0, 2, 2, 4]);
    expect(Array.from(slots)).toEqual([1, 3, 0, 3]);
    expect(Array.from(weights)).toEqual([2, -1, 5, 0.5]);
  });
});
