import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { sampleBeta, sampleGamma } from './beta.js';

function mean(draw: () => number, n = 4000): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += draw();
  return s / n;
}

describe('sampleBeta', () => {
  it('has the mean a / (a + b) and stays in [0, 1]', () => {
    const rng = new Rng(9);
    for (const [a, b] of [
      [4, 2],
      [2, 4],
      [0.5, 0.5],
    ]) {
      const m = mean(() => {
        const x = sampleBeta(rng, a, b);
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(1);
        return x;
      });
      expect(Math.abs(m - a / (a + b))).toBeLessThan(0.02);
    }
  });

  it('draws Gamma(k) with mean k, below 1 too', () => {
    const rng = new Rng(2);
    expect(Math.abs(mean(() => sampleGamma(rng, 3)) - 3)).toBeLessThan(0.1);
    expect(Math.abs(mean(() => sampleGamma(rng, 0.3)) - 0.3)).toBeLessThan(0.05);
  });
});
