import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import type { LogMel } from '../features/log-mel.js';
import { frequencyMasking } from './frequency-masking.js';
import { timeMasking } from './time-masking.js';

/** A 100 x 64 matrix with distinct positive values, so any masked cell is visible. */
function ramp(frames = 100, bins = 64): LogMel {
  return { frames, bins, data: Float32Array.from({ length: frames * bins }, (_, i) => 1 + i) };
}

describe('SpecAugment masking', () => {
  it('timeMasking masks the stated frames across every bin, with the mean', () => {
    const spec = ramp();
    const mean = spec.data.reduce((a, b) => a + b) / spec.data.length;
    const out = timeMasking().apply(spec, { masks: [[10, 5]] });
    for (let t = 0; t < 100; t++) {
      const masked = t >= 10 && t < 15;
      for (let b = 0; b < 64; b++) {
        expect(out.data[t * 64 + b]).toBe(masked ? Math.fround(mean) : spec.data[t * 64 + b]);
      }
    }
    expect(out.data.filter((v) => v === Math.fround(mean)).length).toBe(5 * 64);
    expect(spec.data[10 * 64]).toBe(10 * 64 + 1);
  });

  it('frequencyMasking masks the stated bins in every frame, with zero when asked', () => {
    const out = frequencyMasking({ fill: 'zero' }).apply(ramp(), {
      masks: [
        [3, 4],
        [40, 2],
      ],
    });
    for (let t = 0; t < 100; t++) {
      for (let b = 0; b < 64; b++) {
        const masked = (b >= 3 && b < 7) || (b >= 40 && b < 42);
        expect(out.data[t * 64 + b] === 0).toBe(masked);
      }
    }
  });

  it('draws widths within T, p * frames and F', () => {
    const time = timeMasking({ count: 3, maxWidth: 30, maxFraction: 0.1 });
    const freq = frequencyMasking({ count: 2, maxWidth: 8 });
    for (let s = 0; s < 40; s++) {
      const t = time.run(ramp(), new Rng(s)).record.params.masks;
      expect(t).toHaveLength(3);
      for (const [start, width] of t) {
        expect(width).toBeLessThanOrEqual(10);
        expect(start + width).toBeLessThanOrEqual(100);
      }
      for (const [start, width] of freq.run(ramp(), new Rng(s)).record.params.masks) {
        expect(width).toBeLessThanOrEqual(8);
        expect(start + width).toBeLessThanOrEqual(64);
      }
    }
    const widths = Array.from(
      { length: 60 },
      (_, s) => freq.run(ramp(), new Rng(s)).record.params.masks[0][1],
    );
    expect(Math.max(...widths)).toBe(8);
  });

  it('rejects a record whose mask does not fit', () => {
    expect(() => timeMasking().apply(ramp(10, 4), { masks: [[8, 5]] })).toThrow(
      /timeMasking: the record cannot be replayed/,
    );
  });
});
