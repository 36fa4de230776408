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
});
