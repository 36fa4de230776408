import { ManyViewsError } from '@manyviews/augment-core';
import { assertLogMel, type LogMel } from './log-mel.js';

/** Options of {@link mfcc}. */
export interface MfccOptions {
  /** Coefficients kept per frame, an integer in [1, bins]; default 13. */
  nCoeffs?: number;
}

const bases = new Map<string, Float64Array>();

/**
 * Mel-frequency cepstral coefficients: the orthonormal DCT-II of each frame of a log-mel
 * spectrogram (Davis and Mermelstein, 1980), `c_k = s_k sum_n x_n cos(pi k (2n + 1) / (2N))` with
 * `s_0 = sqrt(1/N)`, `s_k = sqrt(2/N)` (scipy's `norm='ortho'`, as librosa). Coefficient 0 is the
 * frame's overall log level. Because {@link logMel} uses the natural log, these are librosa's
 * values (which start from dB) divided by `10 / ln 10`.
 *
 * @param features a log-mel spectrogram, `frames x nMels`
 * @param options `nCoeffs` (13)
 * @returns `frames x nCoeffs`, frame-major
 * @throws {ManyViewsError} `AUDIO_INVALID_SPECTROGRAM` for a malformed input;
 *   `AUDIO_INVALID_OPTION` for `nCoeffs` outside [1, bins]
 */
export function mfcc(features: LogMel, options: MfccOptions = {}): LogMel {
  assertLogMel(features, 'mfcc');
  const n = features.bins;
  const count = options.nCoeffs ?? 13;
  if (!Number.isInteger(count) || count < 1 || count > n) {
    throw new ManyViewsError('AUDIO_INVALID_OPTION', 'mfcc: nCoeffs out of range', {
      expected: `an integer in [1, ${n}]`,
      received: count,
    });
  }

  const basis = dctBasis(n, count);
  const out = new Float32Array(features.frames * count);
  for (let t = 0; t < features.frames; t++) {
    const row = t * n;
    for (let k = 0; k < count; k++) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += basis[k * n + i] * features.data[row + i];
      out[t * count + k] = sum;
    }
  }
  return { frames: features.frames, bins: count, data: out };
}

/**
 * Rows `0 .. count-1` of the orthonormal DCT-II matrix of size `n` (the transform of {@link mfcc}):
 * entry `k * n + i` is `s_k cos(pi k (2i + 1) / (2n))`. Cached per size; do not modify it.
 *
 * @param n length of the transformed vector (mel bands), an integer >= 1
 * @param count coefficients, an integer in [1, n]
 * @returns `count x n`, row-major
 */
export function dctBasis(n: number, count: number): Float64Array {
  const key = `${n}/${count}`;
  const cached = bases.get(key);
  if (cached) return cached;

  const basis = new Float64Array(count * n);
  for (let k = 0; k < count; k++) {
    const s = k === 0 ? Math.sqrt(1 / n) : Math.sqrt(2 / n);
    for (let i = 0; i < n; i++)
      basis[k * n + i] = s * Math.cos((Math.PI * k * (2 * i + 1)) / (2 * n));
  }
  bases.set(key, basis);
  return basis;
}
