import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { randomGrayscale } from './random-grayscale.js';
import type { RawImage } from './raw-image.js';

describe('randomGrayscale', () => {
  it('replaces RGB by luma, keeps channels and alpha, and replays', () => {
    const img: RawImage = {
      width: 1,
      height: 1,
      channels: 4,
      data: new Float32Array([1, 0, 0, 0.4]),
    };
    const t = randomGrayscale({ p: 1 });
    const { output, record } = t.run(img, new Rng(2));
    expect(record.params).toEqual({ gray: true });
    expect(output.channels).toBe(4);
    expect(Array.from(output.data)).toEqual(
      Array.from(new Float32Array([0.2989, 0.2989, 0.2989, 0.4])),
    );
    expect(t.apply(img, record.params).data).toEqual(output.data);
    expect(randomGrayscale({ p: 0 }).run(img, new Rng(2)).output).toBe(img);
    expect(() => randomGrayscale({ p: -0.1 })).toThrow(/randomGrayscale\.p/);
  });
});
