import * as tf from '@tensorflow/tfjs-core';
import type { Encoder } from '../encoders/encoder.js';
import { l2Normalize } from '../objectives/nt-xent.js';

/** How stored 8-bit pixels become encoder inputs: `(x / 255 - mean) / std`. */
export interface PixelNormalization {
  mean: number;
  std: number;
}

/**
 * Embeds `count` stored 8-bit images with the encoder's backbone, L2-normalised.
 *
 * @param encoder the model
 * @param images `count x inputSize` bytes
 * @param norm pixel normalisation used in training
 * @param batchSize rows per forward pass; default 1024
 * @returns `count x embeddingDim` floats, row-major
 */
export function embedPixels(
  encoder: Encoder,
  images: Uint8Array,
  count: number,
  norm: PixelNormalization,
  batchSize = 1024,
): Float32Array {
  const inputSize = encoder.inputShape.reduce((a, b) => a * b, 1);
  const dim = encoder.config.embeddingDim;
  const out = new Float32Array(count * dim);
  const scratch = new Float32Array(batchSize * inputSize);
  const scale = 1 / (255 * norm.std);
  const shift = norm.mean / norm.std;

  for (let start = 0; start < count; start += batchSize) {
    const rows = Math.min(batchSize, count - start);
    const slice = images.subarray(start * inputSize, (start + rows) * inputSize);
    for (let i = 0; i < slice.length; i++) scratch[i] = slice[i] * scale - shift;
    embedFloats(encoder, scratch.subarray(0, rows * inputSize), rows, out.subarray(start * dim));
  }
  return out;
}

/**
 * Embeds `rows` prepared inputs (`rows x inputSize` floats) into `out` (`rows x embeddingDim`).
 */
export function embedFloats(
  encoder: Encoder,
  inputs: Float32Array,
  rows: number,
  out?: Float32Array,
): Float32Array {
  const values = tf.tidy(() => {
    const x = tf.tensor(inputs, [rows, ...encoder.inputShape]);
    return l2Normalize(encoder.embed(x)).dataSync() as Float32Array;
  });
  if (!out) return values;
  out.set(values);
  return out;
}

/** Raw pixels as features: normalised images flattened and L2-normalised (the raw baseline). */
export function pixelFeatures(images: Uint8Array, count: number, inputSize: number): Float32Array {
  const out = new Float32Array(count * inputSize);
  for (let r = 0; r < count; r++) {
    let norm = 0;
    const o = r * inputSize;
    for (let i = 0; i < inputSize; i++) norm += images[o + i] * images[o + i];
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < inputSize; i++) out[o + i] = images[o + i] * inv;
  }
  return out;
}
