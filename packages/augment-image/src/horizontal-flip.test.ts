import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { horizontalFlip } from './horizontal-flip.js';
import type { RawImage } from './raw-image.js';

describe('horizontalFlip', () => {
  it('mirrors a 2x3 gray image and a 2x2 RGB image', () => {
    const gray: RawImage = {
      width: 3,
      height: 2,
      channels: 1,
      data: new Float32Array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]),
    };
    const flipped = horizontalFlip({ p: 1 }).run(gray, new Rng(0));
    expect(flipped.record.params).toEqual({ flipped: true });
    expect(Array.from(flipped.output.data)).toEqual(
      Array.from(new Float32Array([0.3, 0.2, 0.1, 0.6, 0.5, 0.4])),
    );
    expect(Array.from(gray.data)).toEqual(
      Array.from(new Float32Array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6])),
    );

    const rgb: RawImage = {
      width: 2,
      height: 1,
      channels: 3,
      data: new Float32Array([0, 0.25, 0.5, 1, 0.75, 0.125]),
    };
    expect(Array.from(horizontalFlip({ p: 1 }).apply(rgb, { flipped: true }).data)).toEqual([
      1, 0.75, 0.125, 0, 0.25, 0.5,
    ]);
  });

  it('flips with probability p, deterministically per seed, and replays', () => {
    const img: RawImage = {
      width: 4,
      height: 3,
      channels: 1,
      data: new Float32Array(12).fill(0.5),
    };
    img.data[0] = 1;
    const t = horizontalFlip({ p: 0.3 });
    let flips = 0;
    for (let i = 0; i < 1000; i++) {
      const { output, record } = t.run(img, new Rng(i));
      if (record.params.flipped) flips++;
      else expect(output).toBe(img);
      expect(t.apply(img, record.params).data).toEqual(output.data);
      expect(t.run(img, new Rng(i)).record).toEqual(record);
    }
    expect(flips).toBeGreaterThan(250);
    expect(flips).toBeLessThan(350);
    expect(horizontalFlip({ p: 0 }).run(img, new Rng(1)).record.params.flipped).toBe(false);
  });

  it('names the field of a bad p', () => {
    expect(() => horizontalFlip({ p: 2 })).toThrow(/horizontalFlip\.p/);
  });
});
