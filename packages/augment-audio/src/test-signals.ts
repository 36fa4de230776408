// Signals and measurements shared by the tests. Excluded from the build (see tsconfig.json): it is
// not part of the package's API.

import type { AudioClip } from './clip.js';

/** A sine of `freq` Hz, `seconds` long, at `amplitude` (default 0.5), as a mono clip. */
export function sine(
  freq: number,
  seconds: number,
  sampleRate: number,
  amplitude = 0.5,
): AudioClip {
  const n = Math.round(seconds * sampleRate);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = amplitude * Math.sin((2 * Math.PI * freq * i) / sampleRate);
  return { sampleRate, channels: [out] };
}

/**
 * The frequency of a near-pure tone from its upward zero crossings (linearly interpolated), over
 * the middle of the signal so edge effects do not count.
 */
export function zeroCrossingFrequency(signal: Float32Array, sampleRate: number): number {
  const start = Math.floor(signal.length * 0.1);
  const end = Math.floor(signal.length * 0.9);
  const crossings: number[] = [];
  for (let i = start; i < end; i++) {
    const a = signal[i];
    const b = signal[i + 1];
    if (a < 0 && b >= 0) crossings.push(i + a / (a - b));
  }
  const span = crossings[crossings.length - 1] - crossings[0];
  return ((crossings.length - 1) * sampleRate) / span;
}

/** Root mean square of `signal` between fractions `from` and `to` of its length. */
export function rms(signal: Float32Array, from = 0, to = 1): number {
  const a = Math.floor(signal.length * from);
  const b = Math.floor(signal.length * to);
  let sum = 0;
  for (let i = a; i < b; i++) sum += signal[i] * signal[i];
  return Math.sqrt(sum / Math.max(1, b - a));
}

/** The gain in dB of `output` relative to `input`, measured away from the edges. */
export function gainDb(input: Float32Array, output: Float32Array): number {
  return 20 * Math.log10(rms(output, 0.2, 0.8) / rms(input, 0.2, 0.8));
}
