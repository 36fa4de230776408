import { describe, expect, it } from 'vitest';
import { gainDb, sine } from '../test-signals.js';
import { biquadCoefficients, biquadFilter, biquadGainDb } from './biquad.js';

describe('biquad', () => {
  it('puts a Butterworth cutoff at -3 dB and matches its measured response', () => {
    const sr = 16000;
    for (const type of ['lowpass', 'highpass'] as const) {
      const c = biquadCoefficients(type, 1000, Math.SQRT1_2, sr);
      expect(biquadGainDb(c, 1000, sr)).toBeCloseTo(-3.01, 1);
      for (const f of [200, 3000]) {
        const tone = sine(f, 0.5, sr).channels[0];
        expect(gainDb(tone, biquadFilter(tone, c))).toBeCloseTo(biquadGainDb(c, f, sr), 0);
      }
    }
  });

  it('passes the centre of a band-pass at 0 dB', () => {
    const c = biquadCoefficients('bandpass', 1200, 2, 16000);
    expect(biquadGainDb(c, 1200, 16000)).toBeCloseTo(0, 6);
    expect(biquadGainDb(c, 150, 16000)).toBeLessThan(-20);
  });

  it('rejects a cutoff at or above Nyquist', () => {
    expect(() => biquadCoefficients('lowpass', 8000, 1, 16000)).toThrow(/out of range/);
  });
});
