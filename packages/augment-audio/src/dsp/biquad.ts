import { ManyViewsError } from '@manyviews/augment-core';

/** The second-order sections this package uses. */
export type BiquadType = 'lowpass' | 'highpass' | 'bandpass';

/** Coefficients of `H(z) = (b0 + b1 z^-1 + b2 z^-2) / (1 + a1 z^-1 + a2 z^-2)`. */
export interface BiquadCoefficients {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

/**
 * Filter coefficients from R. Bristow-Johnson's "Cookbook formulae for audio EQ biquad filter
 * coefficients" (the W3C Audio EQ Cookbook): `w0 = 2 pi f0 / fs`, `alpha = sin(w0) / (2 Q)`, and
 * the band-pass is the constant 0 dB peak gain form. Every coefficient is divided by `a0`.
 *
 * @param type `lowpass`, `highpass` or `bandpass`
 * @param frequency cutoff (or centre) in Hz, in (0, sampleRate / 2)
 * @param q quality factor, > 0 (1/sqrt(2) gives a Butterworth low- or high-pass)
 * @param sampleRate samples per second
 * @throws {ManyViewsError} `AUDIO_INVALID_OPTION` for a frequency at or beyond Nyquist or a bad Q
 */
export function biquadCoefficients(
  type: BiquadType,
  frequency: number,
  q: number,
  sampleRate: number,
): BiquadCoefficients {
  if (!(frequency > 0 && frequency < sampleRate / 2) || !(q > 0)) {
    throw new ManyViewsError(
      'AUDIO_INVALID_OPTION',
      `biquad ${type}: frequency or Q out of range`,
      {
        expected: `0 < frequency < ${sampleRate / 2} and Q > 0`,
        received: [frequency, q],
      },
    );
  }

  const w0 = (2 * Math.PI * frequency) / sampleRate;
  const cos = Math.cos(w0);
  const alpha = Math.sin(w0) / (2 * q);
  const a0 = 1 + alpha;
  const a1 = (-2 * cos) / a0;
  const a2 = (1 - alpha) / a0;
  switch (type) {
    case 'lowpass':
      return { b0: (1 - cos) / 2 / a0, b1: (1 - cos) / a0, b2: (1 - cos) / 2 / a0, a1, a2 };
    case 'highpass':
      return { b0: (1 + cos) / 2 / a0, b1: -(1 + cos) / a0, b2: (1 + cos) / 2 / a0, a1, a2 };
    case 'bandpass':
      return { b0: alpha / a0, b1: 0, b2: -alpha / a0, a1, a2 };
  }
}

/**
 * Runs a biquad over `signal` from rest (transposed direct form II, state in double precision).
 *
 * @param signal input samples (not modified)
 * @param c coefficients from {@link biquadCoefficients}
 * @returns the filtered samples, same length
 */
export function biquadFilter(signal: Float32Array, c: BiquadCoefficients): Float32Array {
  const out = new Float32Array(signal.length);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < signal.length; i++) {
    const x = signal[i];
    const y = c.b0 * x + s1;
    s1 = c.b1 * x - c.a1 * y + s2;
    s2 = c.b2 * x - c.a2 * y;
    out[i] = y;
  }
  return out;
}

/**
 * The gain in dB of the filter at `frequency` (its magnitude response `|H(e^{jw})|`).
 *
 * @param c coefficients
 * @param frequency Hz
 * @param sampleRate samples per second
 */
export function biquadGainDb(c: BiquadCoefficients, frequency: number, sampleRate: number): number {
  const w = (2 * Math.PI * frequency) / sampleRate;
  const re = (b0: number, b1: number, b2: number) => b0 + b1 * Math.cos(w) + b2 * Math.cos(2 * w);
  const im = (b1: number, b2: number) => -b1 * Math.sin(w) - b2 * Math.sin(2 * w);
  const nr = re(c.b0, c.b1, c.b2);
  const ni = im(c.b1, c.b2);
  const dr = re(1, c.a1, c.a2);
  const di = im(c.a1, c.a2);
  return 10 * Math.log10((nr * nr + ni * ni) / (dr * dr + di * di));
}
