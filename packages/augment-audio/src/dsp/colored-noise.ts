import type { Rng } from '@manyviews/augment-core';
import { nextPowerOfTwo, RealFft } from './fft.js';

/** Noise spectra: white (flat), pink (power ~ 1/f), brown (power ~ 1/f^2). */
export type NoiseColor = 'white' | 'pink' | 'brown';

/** The noise colours, in the order recipes list them. */
export const NOISE_COLORS: readonly NoiseColor[] = ['white', 'pink', 'brown'];

const EXPONENT: Record<NoiseColor, number> = { white: 0, pink: 1, brown: 2 };

/**
 * Gaussian noise of unit RMS with a power spectrum proportional to `1 / f^beta` (beta 0, 1, 2 for
 * white, pink, brown).
 *
 * Pink and brown are made by spectral shaping: white Gaussian noise of the next power-of-two
 * length is transformed, each bin `k >= 1` is scaled by `k^(-beta / 2)`, DC is removed, and the
 * first `length` samples of the inverse are kept. Unlike the usual recursive filters (Voss-McCartney,
 * Kellett's pink filter, leaky integrators for brown) the slope is exact at every sample rate and
 * down to the lowest frequency the length can hold.
 *
 * @param length samples wanted, >= 0
 * @param color `white`, `pink` or `brown`
 * @param rng the generator to draw from (advanced by the call)
 */
export function coloredNoise(length: number, color: NoiseColor, rng: Rng): Float32Array {
  const out = new Float32Array(length);
  if (length === 0) return out;
  if (color === 'white') {
    for (let i = 0; i < length; i++) out[i] = rng.normal();
    return normalise(out);
  }

  const fft = new RealFft(nextPowerOfTwo(length));
  const white = new Float64Array(fft.size);
  for (let i = 0; i < fft.size; i++) white[i] = rng.normal();
  const re = new Float64Array(fft.bins);
  const im = new Float64Array(fft.bins);
  fft.forward(white, re, im);

  const half = -EXPONENT[color] / 2;
  re[0] = 0;
  im[0] = 0;
  for (let k = 1; k < fft.bins; k++) {
    const g = k ** half;
    re[k] *= g;
    im[k] *= g;
  }
  const shaped = new Float64Array(fft.size);
  fft.inverse(re, im, shaped);
  for (let i = 0; i < length; i++) out[i] = shaped[i];
  return normalise(out);
}

function normalise(signal: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < signal.length; i++) sum += signal[i] * signal[i];
  const scale = sum > 0 ? 1 / Math.sqrt(sum / signal.length) : 0;
  for (let i = 0; i < signal.length; i++) signal[i] *= scale;
  return signal;
}
