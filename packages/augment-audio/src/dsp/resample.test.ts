import { describe, expect, it } from 'vitest';
import { rms, sine, zeroCrossingFrequency } from '../test-signals.js';
import { resample } from './resample.js';

describe('resample', () => {
  it('keeps the frequency and level of a sine when downsampling 44.1 kHz to 16 kHz', () => {
    const tone = sine(1000, 0.5, 44100).channels[0];
    const out = resample(tone, 44100, 16000);
    expect(out.length).toBe(8000);
    expect(zeroCrossingFrequency(out, 16000)).toBeCloseTo(1000, 1);
    expect(20 * Math.log10(rms(out, 0.1, 0.9) / rms(tone, 0.1, 0.9))).toBeCloseTo(0, 1);
  });

  it('keeps the frequency of a sine when upsampling 16 kHz to 48 kHz', () => {
    const tone = sine(3000, 0.25, 16000).channels[0];
    const out = resample(tone, 16000, 48000);
    expect(out.length).toBe(12000);
    expect(zeroCrossingFrequency(out, 48000)).toBeCloseTo(3000, 0);
  });

  it('removes content above the new Nyquist frequency instead of aliasing it', () => {
    const tone = sine(7000, 0.5, 44100).channels[0];
    const out = resample(tone, 44100, 8000);
    const attenuation = 20 * Math.log10(rms(out, 0.1, 0.9) / rms(tone, 0.1, 0.9));
    expect(attenuation).toBeLessThan(-60);
  });

  it('copies when the rates are equal and rejects a rate that is not positive', () => {
    const x = new Float32Array([1, 2, 3]);
    const y = resample(x, 8000, 8000);
    expect(y).toEqual(x);
    expect(y).not.toBe(x);
    expect(() => resample(x, 0, 8000)).toThrow(/fromRate must be positive/);
  });
});
