import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend.js';
import { CnnEncoder, type CnnEncoderConfig } from './cnn-encoder.js';
import { createEncoder } from './encoder.js';

const config: CnnEncoderConfig = {
  type: 'cnn',
  inputShape: [8, 8, 1],
  channels: [4, 8],
  embeddingDim: 16,
  projection: [16, 6],
};

describe('CnnEncoder', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('maps images (or flat rows) to representations and projections of the configured sizes', () => {
    const encoder = createEncoder(config, undefined, 1);
    tf.tidy(() => {
      const h = encoder.embed(tf.randomNormal([3, 8, 8, 1], 0, 1, 'float32', 2));
      expect(h.shape).toEqual([3, 16]);
      expect(encoder.project(h).shape).toEqual([3, 6]);
      expect(encoder.embed(tf.zeros([2, 64])).shape).toEqual([2, 16]);
    });
    encoder.dispose();
  });

  it('gets a gradient for every variable on wasm, and reloads its weights exactly', () => {
    const encoder = new CnnEncoder(config, undefined, 3);
    tf.tidy(() => {
      const x = tf.randomNormal([4, 8, 8, 1], 0, 1, 'float32', 4);
      const { grads } = tf.variableGrads(
        () => tf.sum(tf.square(encoder.project(encoder.embed(x)))) as tf.Scalar,
        encoder.variables,
      );
      for (const v of encoder.variables) {
        const norm = tf.norm(grads[v.name]).dataSync()[0];
        expect({ name: v.name, finite: Number.isFinite(norm) }).toEqual({
          name: v.name,
          finite: true,
        });
      }
      const norms = encoder.variables
        .filter((v) => v.rank > 1)
        .map((v) => tf.norm(grads[v.name]).dataSync()[0]);
      expect(norms.every((n) => n > 0)).toBe(true);
    });
    const copy = new CnnEncoder(config, encoder.weights());
    expect(copy.weights()).toEqual(encoder.weights());
    expect(() => new CnnEncoder({ ...config, channels: [4, 9] }, encoder.weights())).toThrow(
      /does not fit/,
    );
    expect(() => new CnnEncoder({ ...config, inputShape: [8, 8] as never })).toThrow(/inputShape/);
    encoder.dispose();
    copy.dispose();
  });
});

describe('CnnEncoder downsampling and pooling', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('flattens the last map (28 -> 14 -> 7, so 7 * 7 * 8 inputs to the dense layer), by stride or pool', () => {
    for (const downsample of ['stride', 'maxpool'] as const) {
      const encoder = new CnnEncoder({
        type: 'cnn',
        inputShape: [28, 28, 1],
        channels: [4, 8, 8],
        embeddingDim: 16,
        projection: [16, 6],
        downsample,
        pooling: 'flatten',
      });
      const dense = encoder.weights().find((w) => w.name === 'dense.w');

      expect(dense?.shape).toEqual([7 * 7 * 8, 16]);
      tf.tidy(() => {
        const x = tf.randomNormal([2, 28, 28, 1], 0, 1, 'float32', 5);
        expect(encoder.embed(x).shape).toEqual([2, 16]);
        const { grads } = tf.variableGrads(
          () => tf.sum(tf.square(encoder.project(encoder.embed(x)))) as tf.Scalar,
          encoder.variables,
        );
        for (const v of encoder.variables) {
          expect(Number.isFinite(tf.norm(grads[v.name]).dataSync()[0])).toBe(true);
        }
      });
      encoder.dispose();
    }
  });

  it('refuses an unknown downsample or pooling, naming the field', () => {
    expect(() => new CnnEncoder({ ...config, pooling: 'max' as never })).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message: expect.stringMatching(/pooling/),
      }),
    );
    expect(() => new CnnEncoder({ ...config, downsample: 'avg' as never })).toThrow(/downsample/);
  });
});

describe('CnnEncoder with the pooled map as its representation', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  const mapConfig: CnnEncoderConfig = {
    type: 'cnn',
    inputShape: [28, 28, 1],
    channels: [4, 8, 8],
    embeddingDim: 7 * 7 * 8,
    projection: [16, 6],
    pooling: 'flatten',
    representation: 'map',
  };

  it('serves the flattened last map itself; the head starts from it, with no dense layer', () => {
    const encoder = new CnnEncoder(mapConfig, undefined, 2);
    const names = encoder.weights().map((w) => [w.name, w.shape]);

    expect(names).not.toContainEqual(expect.arrayContaining(['dense.w']));
    expect(names).toContainEqual(['head.0.w', [7 * 7 * 8, 16]]);
    tf.tidy(() => {
      const x = tf.randomNormal([3, 28, 28, 1], 0, 1, 'float32', 9);
      const h = encoder.embed(x);
      expect(h.shape).toEqual([3, 392]);
      // After the last ReLU: a map, so nothing negative.
      expect(tf.min(h).dataSync()[0]).toBeGreaterThanOrEqual(0);
      expect(encoder.project(h).shape).toEqual([3, 6]);
    });
    const copy = new CnnEncoder(mapConfig, encoder.weights());
    expect(copy.weights()).toEqual(encoder.weights());
    encoder.dispose();
    copy.dispose();
  });

  it('refuses an embeddingDim that is not the map’s size, saying which size it must be', () => {
    expect(() => new CnnEncoder({ ...mapConfig, embeddingDim: 256 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', expected: 'embeddingDim 392' }),
    );
    expect(() => new CnnEncoder({ ...mapConfig, representation: 'head' as never })).toThrow(
      /representation/,
    );
  });
});
