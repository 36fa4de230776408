import { describe, expect, it } from 'vitest';
import { syntheticRir } from './synthetic-rir.js';

describe('syntheticRir', () => {
  it('has the asked direct-to-reverberant ratio and decays 30 dB by half the RT60', () => {
    const rir = syntheticRir({ sampleRate: 16000, rt60: 0.6, drrDb: 5, seed: 1 });
    expect(rir.length).toBe(9600);
    expect(rir[0]).toBe(1);

    let tail = 0;
    for (let i = 1; i < rir.length; i++) tail += rir[i] * rir[i];
    expect(10 * Math.log10(1 / tail)).toBeCloseTo(5, 6);

    // Schroeder's backward integral of the tail: the energy left after time t.
    const remaining = (from: number) => {
      let e = 0;
      for (let i = from; i < rir.length; i++) e += rir[i] * rir[i];
      return e;
    };
    const edcDb = 10 * Math.log10(remaining(Math.round(0.1 * 16000)) / remaining(1));
    const later = 10 * Math.log10(remaining(Math.round(0.2 * 16000)) / remaining(1));
    // 60 dB per 0.6 s is 10 dB per 0.1 s; truncating at RT60 bends the curve only at the end.
    expect(later - edcDb).toBeCloseTo(-10, 0);
  });

  it('is reproducible from its seed and rejects values out of range', () => {
    const a = syntheticRir({ sampleRate: 8000, rt60: 0.2, drrDb: 0, seed: 4 });
    expect(syntheticRir({ sampleRate: 8000, rt60: 0.2, drrDb: 0, seed: 4 })).toEqual(a);
    expect(syntheticRir({ sampleRate: 8000, rt60: 0.2, drrDb: 0, seed: 5 })).not.toEqual(a);
    expect(() => syntheticRir({ sampleRate: 8000, rt60: 9, drrDb: 0, seed: 4 })).toThrow(/rt60/);
  });
});
