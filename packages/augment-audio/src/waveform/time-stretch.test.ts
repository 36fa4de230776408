import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { sine, zeroCrossingFrequency } from '../test-signals.js';
import { timeStretch } from './time-stretch.js';

describe('timeStretch', () => {
  it('keeps the length and the pitch', () => {
    const clip = sine(500, 1, 16000);
    for (const rate of [0.8, 1.25]) {
      const out = timeStretch().apply(clip, { rate });
      expect(out.channels[0].length).toBe(16000);
      expect(zeroCrossingFrequency(out.channels[0].subarray(0, 12000), 16000)).toBeCloseTo(500, 0);
    }
  });

  it('pads the end with silence when it speeds up', () => {
    const out = timeStretch().apply(sine(500, 1, 16000), { rate: 1.25 });
    expect(out.channels[0].subarray(12900).every((v) => v === 0)).toBe(true);
  });

  it('draws rates log-uniformly within the range', () => {
    const t = timeStretch({ rate: [0.5, 2] });
    const rates = Array.from(
      { length: 200 },
      (_, s) => t.run(sine(500, 0.05, 8000), new Rng(s)).record.params.rate,
    );
    expect(Math.min(...rates)).toBeGreaterThanOrEqual(0.5);
    expect(Math.max(...rates)).toBeLessThan(2);
    // Log-uniform on [0.5, 2] is symmetric about 1: about half the draws are below it.
    expect(rates.filter((r) => r < 1).length).toBeGreaterThan(70);
    expect(rates.filter((r) => r < 1).length).toBeLessThan(130);
  });
});
