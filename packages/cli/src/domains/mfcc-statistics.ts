import { type AudioClip, logMel, mfcc } from '@manyviews/augment-audio';
import type { Features } from './domain.js';

/** Options of {@link mfccStatistics}. */
export interface MfccStatisticsOptions {
  /** Cepstral coefficients per frame; default 13. */
  nCoeffs?: number;
}

/**
 * The classic hand-made baseline for short sounds: per clip, the mean and the standard deviation
 * over time of each MFCC (`2 * nCoeffs` numbers), then the split's features standardised
 * dimension by dimension (so the log level in coefficient 0, which is an order of magnitude
 * larger than the others, does not decide every cosine alone) and L2-normalised for cosine kNN.
 * The standardisation uses the split's own statistics: no labels, but each split on its own.
 *
 * @param clips the split's clips, as the dataset holds them (trimmed words at 16 kHz)
 * @param options `nCoeffs` (13)
 * @returns `clips.length x (2 * nCoeffs)`, rows L2-normalised
 */
export function mfccStatistics(
  clips: readonly AudioClip[],
  options: MfccStatisticsOptions = {},
): Features {
  const n = options.nCoeffs ?? 13;
  const dim = 2 * n;
  const data = new Float32Array(clips.length * dim);
  for (const [r, clip] of clips.entries()) data.set(mfccMoments(clip, n), r * dim);
  return momentFeatures(data, clips.length, dim);
}

/**
 * Rows of {@link mfccMoments} as baseline features: each dimension standardised over the rows
 * given, then each row L2-normalised. Works in place.
 *
 * @param data `rows x dim` moments, row-major
 */
export function momentFeatures(data: Float32Array, rows: number, dim: number): Features {
  standardizeColumns(data, rows, dim);
  normalizeRows(data, rows, dim);
  return { dim, data };
}

/**
 * Mean and standard deviation over time of each MFCC of one clip (log-mel with augment-audio's
 * defaults, then `nCoeffs` coefficients).
 *
 * @returns `2 * nCoeffs` numbers: the means of `c_0 .. c_{n-1}`, then their standard deviations
 */
export function mfccMoments(clip: AudioClip, nCoeffs = 13): Float32Array {
  const cepstrum = mfcc(logMel(clip), { nCoeffs });
  const out = new Float32Array(2 * nCoeffs);
  for (let k = 0; k < nCoeffs; k++) {
    let sum = 0;
    let sumSq = 0;
    for (let t = 0; t < cepstrum.frames; t++) {
      const v = cepstrum.data[t * nCoeffs + k];
      sum += v;
      sumSq += v * v;
    }
    const mean = sum / cepstrum.frames;
    out[k] = mean;
    out[nCoeffs + k] = Math.sqrt(Math.max(sumSq / cepstrum.frames - mean * mean, 0));
  }
  return out;
}

function standardizeColumns(data: Float32Array, rows: number, dim: number): void {
  for (let d = 0; d < dim; d++) {
    let sum = 0;
    let sumSq = 0;
    for (let r = 0; r < rows; r++) {
      sum += data[r * dim + d];
      sumSq += data[r * dim + d] ** 2;
    }
    const mean = sum / rows;
    const std = Math.sqrt(Math.max(sumSq / rows - mean * mean, 0));
    const inv = std > 1e-12 ? 1 / std : 0;
    for (let r = 0; r < rows; r++) data[r * dim + d] = (data[r * dim + d] - mean) * inv;
  }
}

function normalizeRows(data: Float32Array, rows: number, dim: number): void {
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let d = 0; d < dim; d++) s += data[r * dim + d] ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let d = 0; d < dim; d++) data[r * dim + d] *= inv;
  }
}
