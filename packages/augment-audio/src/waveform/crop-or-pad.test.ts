import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { cropOrPad } from './crop-or-pad.js';

const ramp = (n: number) => ({
  sampleRate: 10,
  channels: [Float32Array.from({ length: n }, (_, i) => i + 1)],
});

describe('cropOrPad', () => {
  it('cuts a random window of the asked length out of a longer clip', () => {
    const t = cropOrPad({ duration: 0.4 });
    const seen = new Set<number>();
    for (let s = 0; s < 30; s++) {
      const { output, record } = t.run(ramp(10), new Rng(s));
      expect(output.channels[0].length).toBe(4);
      const o = record.params.offset;
      expect(Array.from(output.channels[0])).toEqual([o + 1, o + 2, o + 3, o + 4]);
      seen.add(o);
    }
    expect(Math.min(...seen)).toBe(0);
    expect(Math.max(...seen)).toBe(6);
  });

  it('places a shorter clip in silence', () => {
    const t = cropOrPad({ duration: 0.6 });
    expect(Array.from(t.apply(ramp(3), { offset: -2, length: 6 }).channels[0])).toEqual([
      0, 0, 1, 2, 3, 0,
    ]);
    const centre = cropOrPad({ duration: 0.6, position: 'center' }).run(ramp(3), new Rng(0)).output;
    expect(Array.from(centre.channels[0])).toEqual([0, 1, 2, 3, 0, 0]);
    const start = cropOrPad({ duration: 0.2, position: 'start' }).run(ramp(3), new Rng(0)).output;
    expect(Array.from(start.channels[0])).toEqual([1, 2]);
  });
});
