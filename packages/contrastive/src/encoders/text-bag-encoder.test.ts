import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend.js';
import { createEncoder } from './encoder.js';
import { TextBagEncoder, type TextBagEncoderConfig } from './text-bag-encoder.js';

const config: TextBagEncoderConfig = {
  type: 'text-bag',
  inputSize: 64,
  tableDim: 8,
  hidden: [16],
  embeddingDim: 12,
  projection: [10, 6],
};

describe('TextBagEncoder', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('maps [batch, inputSize] bags to [batch, embeddingDim] and on to the projection', () => {
    const encoder = createEncoder(config, undefined, 3);
    tf.tidy(() => {
      const h = encoder.embed(tf.randomNormal([5, 64]));
      expect(h.shape).toEqual([5, 12]);
      expect(encoder.project(h).shape).toEqual([5, 6]);
    });
    encoder.dispose();
  });

  it('trains only the table rows the bag touches, and every other weight', () => {
    const encoder = new TextBagEncoder(config, undefined, 1);
    const bag = new Float32Array(2 * 64);
    bag[3] = 0.6;
    bag[10] = -0.8;
    bag[64 + 3] = 1;
    const before = tf.memory().numTensors;
    const grads = tf.tidy(() => {
      const { grads } = tf.variableGrads(
        () => tf.sum(tf.square(encoder.project(encoder.embed(tf.tensor2d(bag, [2, 64]))))),
        encoder.variables,
      );
      return encoder.variables.map((v) => grads[v.name].dataSync() as Float32Array);
    });
    expect(tf.memory().numTensors).toBe(before);
    const table = grads[0];
    const rowNorm = (r: number) => Math.hypot(...table.subarray(r * 8, (r + 1) * 8));
    expect(rowNorm(3)).toBeGreaterThan(0);
    expect(rowNorm(10)).toBeGreaterThan(0);
    expect(rowNorm(4)).toBe(0);
    for (const g of grads.slice(1, 3)) expect(g.some((v) => v !== 0)).toBe(true);
    encoder.dispose();
  });

  it('round-trips its weights by name and refuses weights of another shape', () => {
    const a = new TextBagEncoder(config, undefined, 5);
    const weights = a.weights();
    expect(weights.map((w) => w.name)).toEqual([
      'table',
      'backbone.0.w',
      'backbone.0.b',
      'backbone.1.w',
      'backbone.1.b',
      'head.0.w',
      'head.0.b',
      'head.1.w',
      'head.1.b',
    ]);
    const b = new TextBagEncoder(config, weights);
    const x = tf.randomNormal([3, 64]);
    expect(Array.from(b.embed(x).dataSync())).toEqual(Array.from(a.embed(x).dataSync()));
    expect(() => new TextBagEncoder({ ...config, tableDim: 9 }, weights)).toThrow(/does not fit/);
    expect(() => new TextBagEncoder({ ...config, inputSize: 0 })).toThrow(/inputSize/);
    x.dispose();
    a.dispose();
    b.dispose();
  });

  it("with representation 'table' embeds as the bag times the table, with no backbone", () => {
    const flat: TextBagEncoderConfig = {
      ...config,
      tableDim: 16,
      hidden: [],
      embeddingDim: 16,
      representation: 'table',
    };
    const encoder = new TextBagEncoder(flat, undefined, 2);
    expect(encoder.weights().map((w) => w.name)).toEqual([
      'table',
      'head.0.w',
      'head.0.b',
      'head.1.w',
      'head.1.b',
    ]);
    const [table] = encoder.weights();
    const bag = new Float32Array(64);
    bag[5] = 0.6;
    bag[40] = -0.8;
    const h = tf.tidy(() => encoder.embed(tf.tensor2d(bag, [1, 64])).dataSync());
    for (let j = 0; j < 16; j++) {
      const expected = 0.6 * table.values[5 * 16 + j] - 0.8 * table.values[40 * 16 + j];
      expect(h[j]).toBeCloseTo(expected, 5);
    }
    expect(tf.tidy(() => encoder.project(encoder.embed(tf.zeros([2, 64]))).shape)).toEqual([2, 6]);
    encoder.dispose();
  });

  it("keeps the input's cosine similarities at random init when the table is wide", () => {
    const wide: TextBagEncoderConfig = {
      ...config,
      inputSize: 512,
      tableDim: 2048,
      hidden: [],
      embeddingDim: 2048,
      representation: 'table',
    };
    const encoder = new TextBagEncoder(wide, undefined, 4);
    // Sparse bags sharing some slots, as two glosses sharing words do.
    const rows = 6;
    const bags = new Float32Array(rows * 512);
    for (let r = 0; r < rows; r++) {
      for (let k = 0; k < 12; k++) bags[r * 512 + ((k * 37 + (k < 6 ? 0 : r * 101)) % 512)] = 1 + k;
    }
    const cosines = (x: Float32Array, dim: number) => {
      const out: number[] = [];
      const row = (i: number) => x.subarray(i * dim, (i + 1) * dim);
      const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + v * b[i], 0);
      for (let i = 0; i < rows; i++) {
        for (let j = i + 1; j < rows; j++) {
          const [a, b] = [row(i), row(j)];
          out.push(dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b)));
        }
      }
      return out;
    };
    const h = tf.tidy(() => encoder.embed(tf.tensor2d(bags, [rows, 512])).dataSync());
    const before = cosines(bags, 512);
    const after = cosines(h as Float32Array, 2048);
    for (let i = 0; i < before.length; i++)
      expect(Math.abs(after[i] - before[i])).toBeLessThan(0.1);
    encoder.dispose();
  });

  it("refuses representation 'table' with backbone layers or an unknown representation", () => {
    const flat = { ...config, tableDim: 8, embeddingDim: 8, representation: 'table' as const };
    expect(() => new TextBagEncoder(flat)).toThrow(/no backbone layers/);
    expect(() => new TextBagEncoder({ ...flat, hidden: [], embeddingDim: 9 })).toThrow(
      /no backbone layers/,
    );
    const odd = { ...config, representation: 'mlp' } as unknown as TextBagEncoderConfig;
    expect(() => new TextBagEncoder(odd)).toThrow(/unknown representation/);
  });

  describe("representation 'mixed'", () => {
    const mixed: TextBagEncoderConfig = {
      ...config,
      tableDim: 8,
      hidden: [],
      embeddingDim: 12,
      representation: 'mixed',
      learnedDim: 4,
      learnedWeight: 0.5,
      tableSeed: 7,
      projection: [],
    };
    const bag = new Float32Array(2 * 64);
    bag[5] = 0.6;
    bag[40] = -0.8;
    bag[64 + 3] = 1;

    it('concatenates the unit fixed half and the weighted unit learned half', () => {
      const encoder = new TextBagEncoder(mixed, undefined, 2);
      expect(encoder.weights().map((w) => w.name)).toEqual(['learned']);
      const h = tf.tidy(() => encoder.embed(tf.tensor2d(bag, [2, 64])).arraySync());
      for (const row of h) {
        expect(Math.hypot(...row.slice(0, 8))).toBeCloseTo(1, 5);
        expect(Math.hypot(...row.slice(8))).toBeCloseTo(0.5, 5);
      }
      const z = tf.tidy(() =>
        encoder.project(encoder.embed(tf.tensor2d(bag, [2, 64]))).arraySync(),
      );
      expect(z[0]).toEqual(h[0].slice(8).map((v) => expect.closeTo(v, 6)));
      expect(tf.tidy(() => encoder.embed(tf.zeros([1, 64])).dataSync()).every((v) => v === 0)).toBe(
        true,
      );
      encoder.dispose();
    });

    it('draws the fixed half from tableSeed alone, so every encoder of the config shares it', () => {
      const a = new TextBagEncoder(mixed, undefined, 1);
      const b = new TextBagEncoder(mixed, undefined, 2);
      const c = new TextBagEncoder({ ...mixed, tableSeed: 8 }, undefined, 1);
      const fixed = (e: TextBagEncoder) =>
        tf.tidy(() => Array.from(e.embed(tf.tensor2d(bag, [2, 64])).dataSync()).slice(0, 8));
      expect(fixed(b)).toEqual(fixed(a));
      expect(fixed(c)).not.toEqual(fixed(a));
      const learned = (e: TextBagEncoder) =>
        tf.tidy(() => Array.from(e.embed(tf.tensor2d(bag, [2, 64])).dataSync()).slice(8));
      expect(learned(b)).not.toEqual(learned(a));
      const reloaded = new TextBagEncoder(mixed, a.weights(), 9);
      expect(learned(reloaded)).toEqual(learned(a));
      for (const e of [a, b, c, reloaded]) e.dispose();
    });

    it('trains the learned table and the head only, leaking no tensors', () => {
      const encoder = new TextBagEncoder({ ...mixed, projection: [6] }, undefined, 3);
      expect(encoder.variables.map((v) => v.shape)).toEqual([[64, 4], [4, 6], [6]]);
      const before = tf.memory().numTensors;
      const grads = tf.tidy(() => {
        const { grads } = tf.variableGrads(
          () => tf.sum(tf.square(encoder.project(encoder.embed(tf.tensor2d(bag, [2, 64]))))),
          encoder.variables,
        );
        return encoder.variables.map((v) => grads[v.name].dataSync() as Float32Array);
      });
      expect(tf.memory().numTensors).toBe(before);
      const rowNorm = (r: number) => Math.hypot(...grads[0].subarray(r * 4, (r + 1) * 4));
      expect(rowNorm(5)).toBeGreaterThan(0);
      expect(rowNorm(6)).toBe(0);
      encoder.dispose();
    });

    it('refuses a missing learnedDim, a wrong embeddingDim and a bad weight', () => {
      expect(() => new TextBagEncoder({ ...mixed, learnedDim: undefined })).toThrow(/learnedDim/);
      expect(() => new TextBagEncoder({ ...mixed, embeddingDim: 8 })).toThrow(
        /tableDim \+ learnedDim/,
      );
      expect(() => new TextBagEncoder({ ...mixed, learnedWeight: 0 })).toThrow(/learnedWeight/);
      expect(() => new TextBagEncoder({ ...mixed, tableSeed: -1 })).toThrow(/tableSeed/);
    });
  });
});
