import { mfcc } from '@manyviews/augment-audio';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AudioFrameEncoder,
  type AudioFrameEncoderConfig,
  framesAfter,
} from './audio-frame-encoder.js';
import { createEncoder } from './encoder.js';

const small: AudioFrameEncoderConfig = {
  type: 'audio-frames',
  frames: 9,
  bins: 3,
  temporal: [{ width: 3, stride: 2, channels: 4 }],
  hidden: [],
  embeddingDim: 5,
  projection: [2],
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('AudioFrameEncoder', () => {
  it('maps [batch, frames, bins] to [batch, embeddingDim] and projects', () => {
    const config: AudioFrameEncoderConfig = {
      ...small,
      frames: 101,
      bins: 64,
      temporal: [
        { width: 5, stride: 2, channels: 16 },
        { width: 3, stride: 2, channels: 8 },
      ],
      hidden: [12],
      embeddingDim: 10,
      projection: [6, 4],
    };
    const encoder = createEncoder(config, undefined, 1) as AudioFrameEncoder;
    expect(encoder.inputShape).toEqual([101, 64]);
    expect(framesAfter(101, config.temporal)).toBe(24);
    const x = tf.randomNormal([3, 101, 64]);
    const h = encoder.embed(x);
    const z = encoder.project(h);
    expect(h.shape).toEqual([3, 10]);
    expect(z.shape).toEqual([3, 4]);
    tf.dispose([x, h, z]);
    encoder.dispose();
  });

  it('computes a strided 1-D convolution, then mean and max over time', () => {
    const encoder = new AudioFrameEncoder(small, undefined, 3);
    const input = Float32Array.from({ length: 9 * 3 }, (_, i) => Math.sin(i * 0.7));
    const [w, b, wb, bb] = encoder.weights();
    expect(w.shape).toEqual([9, 4]);
    expect(wb.shape).toEqual([8, 5]);

    // By hand: output t sees frames 2t, 2t+1, 2t+2, taps concatenated frame by frame.
    const outFrames = framesAfter(9, small.temporal);
    const conv: number[][] = [];
    for (let t = 0; t < outFrames; t++) {
      conv.push(
        Array.from({ length: 4 }, (_, c) => {
          let s = b.values[c];
          for (let j = 0; j < 3; j++)
            for (let f = 0; f < 3; f++)
              s += input[(2 * t + j) * 3 + f] * w.values[(j * 3 + f) * 4 + c];
          return Math.max(s, 0);
        }),
      );
    }
    const pooled = [
      ...[0, 1, 2, 3].map((c) => conv.reduce((s, r) => s + r[c], 0) / outFrames),
      ...[0, 1, 2, 3].map((c) => Math.max(...conv.map((r) => r[c]))),
    ];
    const expected = Array.from({ length: 5 }, (_, o) =>
      Math.max(
        pooled.reduce((s, p, i) => s + p * wb.values[i * 5 + o], bb.values[o]),
        0,
      ),
    );

    const x = tf.tensor(input, [1, 9, 3]);
    const h = encoder.embed(x);
    const got = Array.from(h.dataSync());
    for (let i = 0; i < 5; i++) expect(got[i]).toBeCloseTo(expected[i], 4);
    tf.dispose([x, h]);
    encoder.dispose();
  });

  it('has a finite, non-zero gradient for every variable and leaks no tensors', () => {
    const encoder = new AudioFrameEncoder({ ...small, hidden: [6] }, undefined, 2);
    const x = tf.randomNormal([4, 9, 3], 0, 1, 'float32', 7);
    const before = tf.memory().numTensors;
    const norms = tf.tidy(() => {
      const { grads } = tf.variableGrads(
        () => tf.sum(tf.square(encoder.project(encoder.embed(x)))) as tf.Scalar,
        encoder.variables,
      );
      return encoder.variables.map((v) => tf.norm(grads[v.name]).dataSync()[0]);
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(norms).toHaveLength(encoder.variables.length);
    for (const n of norms) {
      expect(Number.isFinite(n)).toBe(true);
      expect(n).toBeGreaterThan(0);
    }
    x.dispose();
    encoder.dispose();
  });

  it('reloads its weights exactly and refuses weights of another shape', () => {
    const a = new AudioFrameEncoder(small, undefined, 4);
    const b = createEncoder(small, a.weights());
    const x = tf.randomNormal([2, 9, 3], 0, 1, 'float32', 1);
    const ha = a.embed(x);
    const hb = b.embed(x);
    expect(Array.from(hb.dataSync())).toEqual(Array.from(ha.dataSync()));
    expect(() => createEncoder({ ...small, embeddingDim: 6 }, a.weights())).toThrow(
      expect.objectContaining({ code: 'MODEL_WEIGHTS_MISMATCH' }),
    );
    tf.dispose([x, ha, hb]);
    a.dispose();
    b.dispose();
  });

  it('with cepstra K, encodes the first K DCT coefficients of each frame (MFCCs of the input)', () => {
    const config: AudioFrameEncoderConfig = { ...small, bins: 6, cepstra: 3 };
    const tensorsBefore = tf.memory().numTensors;
    const encoder = new AudioFrameEncoder(config, undefined, 8);
    // The same weights read the cepstra directly when the input already is them.
    const onCepstra = new AudioFrameEncoder({ ...small, bins: 3 }, encoder.weights());
    const input = Float32Array.from({ length: 2 * 9 * 6 }, (_, i) => Math.cos(i * 1.3));
    const cepstra = new Float32Array(2 * 9 * 3);
    for (let n = 0; n < 2; n++) {
      const frames = { frames: 9, bins: 6, data: input.subarray(n * 54, (n + 1) * 54) };
      cepstra.set(mfcc(frames, { nCoeffs: 3 }).data, n * 27);
    }
    const x = tf.tensor3d(input, [2, 9, 6]);
    const c = tf.tensor3d(cepstra, [2, 9, 3]);
    const [a, b] = [encoder.embed(x), onCepstra.embed(c)];
    const expected = Array.from(b.dataSync());
    for (const [i, v] of Array.from(a.dataSync()).entries()) expect(v).toBeCloseTo(expected[i], 4);
    tf.dispose([x, c, a, b]);
    encoder.dispose();
    onCepstra.dispose();
    // The basis is the encoder's: dispose frees it with the variables.
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(() => new AudioFrameEncoder({ ...small, cepstra: 4 })).toThrow(
      expect.objectContaining({ code: 'MODEL_INVALID' }),
    );
  });

  it('refuses a malformed config by name', () => {
    expect(
      () => new AudioFrameEncoder({ ...small, temporal: [{ width: 20, stride: 1, channels: 2 }] }),
    ).toThrow(
      expect.objectContaining({
        code: 'MODEL_INVALID',
        message: expect.stringMatching(/too wide/),
      }),
    );
    expect(() => new AudioFrameEncoder({ ...small, bins: 0 })).toThrow(
      expect.objectContaining({ code: 'MODEL_INVALID' }),
    );
  });
});
