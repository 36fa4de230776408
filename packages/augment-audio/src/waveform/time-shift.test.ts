import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { timeShift } from './time-shift.js';

const clip = { sampleRate: 10, channels: [new Float32Array([1, 2, 3, 4, 5])] };

describe('timeShift', () => {
  it('rolls the samples round', () => {
    expect(Array.from(timeShift().apply(clip, { samples: 2 }).channels[0])).toEqual([
      4, 5, 1, 2, 3,
    ]);
    expect(Array.from(timeShift().apply(clip, { samples: -1 }).channels[0])).toEqual([
      2, 3, 4, 5, 1,
    ]);
  });

  it('pads with silence in pad mode', () => {
    const t = timeShift({ mode: 'pad' });
    expect(Array.from(t.apply(clip, { samples: 2 }).channels[0])).toEqual([0, 0, 1, 2, 3]);
    expect(Array.from(t.apply(clip, { samples: -3 }).channels[0])).toEqual([4, 5, 0, 0, 0]);
    expect(Array.from(t.apply(clip, { samples: 9 }).channels[0])).toEqual([0, 0, 0, 0, 0]);
  });

  it('draws a shift in samples from a range in seconds', () => {
    const { samples } = timeShift({ seconds: [0.3, 0.3] }).run(clip, new Rng(0)).record.params;
    expect(samples).toBe(3);
  });
});
