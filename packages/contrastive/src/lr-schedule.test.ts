import { describe, expect, it } from 'vitest';
import { warmupCosine } from './lr-schedule.js';

describe('warmupCosine', () => {
  it('warms up linearly, peaks, then decays to zero along a cosine', () => {
    expect(warmupCosine(0, 100, 1, 10)).toBeCloseTo(0.1);
    expect(warmupCosine(9, 100, 1, 10)).toBeCloseTo(1);
    expect(warmupCosine(10, 100, 1, 10)).toBeCloseTo(1);
    expect(warmupCosine(55, 100, 1, 10)).toBeCloseTo(0.5);
    expect(warmupCosine(100, 100, 1, 10)).toBeCloseTo(0);
    expect(warmupCosine(50, 100, 2)).toBeCloseTo(1);
  });
});
