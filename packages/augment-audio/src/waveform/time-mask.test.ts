import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { timeMask } from './time-mask.js';

describe('timeMask', () => {
  it('silences exactly the drawn stretches', () => {
    const clip = { sampleRate: 1000, channels: [new Float32Array(1000).fill(1)] };
    const t = timeMask({ count: 2, duration: [0.05, 0.05] });
    const { output, record } = t.run(clip, new Rng(5));
    expect(record.params.masks).toHaveLength(2);
    for (const [start, length] of record.params.masks) {
      expect(length).toBe(50);
      expect(output.channels[0].subarray(start, start + length).every((v) => v === 0)).toBe(true);
    }
    const zeros = output.channels[0].filter((v) => v === 0).length;
    const [[a], [b]] = record.params.masks;
    expect(zeros).toBe(100 - Math.max(0, 50 - Math.abs(a - b)));
  });

  it('covers the whole clip when a mask is longer than it', () => {
    const clip = { sampleRate: 100, channels: [new Float32Array(10).fill(1)] };
    const out = timeMask({ duration: [1, 1] }).run(clip, new Rng(0)).output;
    expect(out.channels[0].every((v) => v === 0)).toBe(true);
  });
});
