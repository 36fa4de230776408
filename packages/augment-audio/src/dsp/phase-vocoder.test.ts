import { describe, expect, it } from 'vitest';
import { rms, sine, zeroCrossingFrequency } from '../test-signals.js';
import { phaseVocoderPitchShift, phaseVocoderStretch } from './phase-vocoder.js';

const SR = 16000;
const tone = sine(440, 1, SR).channels[0];

describe('phaseVocoderStretch', () => {
  it('changes the duration by 1 / rate and keeps the pitch', () => {
    for (const rate of [0.5, 0.8, 1.25, 2]) {
      const out = phaseVocoderStretch(tone, rate, SR);
      expect(out.length).toBe(Math.round(SR / rate));
      expect(zeroCrossingFrequency(out, SR)).toBeCloseTo(440, 0);
      // Phase locking keeps the bins of one partial in step, so its level does not sag.
      expect(Math.abs(20 * Math.log10(rms(out, 0.2, 0.8) / rms(tone, 0.2, 0.8)))).toBeLessThan(0.1);
    }
  });

  it('rejects rates outside [0.25, 4]', () => {
    expect(() => phaseVocoderStretch(tone, 5, SR)).toThrow(/rate out of range/);
  });
});

describe('phaseVocoderPitchShift', () => {
  it('moves the pitch by the semitones asked and keeps the length', () => {
    for (const semitones of [-5, 12]) {
      const out = phaseVocoderPitchShift(tone, semitones, SR);
      expect(out.length).toBe(tone.length);
      const expected = 440 * 2 ** (semitones / 12);
      expect(Math.abs(zeroCrossingFrequency(out, SR) - expected)).toBeLessThan(expected * 0.005);
    }
  });
});
