import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import type { RawImage } from './raw-image.js';
import { rotate, rotation } from './rotation.js';

function ramp(width: number, height: number, channels: 1 | 3 | 4): RawImage {
  const data = new Float32Array(width * height * channels);
  for (let i = 0; i < data.length; i++) data[i] = (i % 89) / 88;
  return { width, height, channels, data };
}

describe('rotation', () => {
  it('keeps the size and range, draws angles in [-d, d] from the seed, and replays', () => {
    const t = rotation({ degrees: 15 });
    const img = ramp(20, 12, 3);
    for (let i = 0; i < 30; i++) {
      const { output, record } = t.run(img, new Rng(i));
      expect(Math.abs(record.params.angle)).toBeLessThanOrEqual(15);
      expect([output.width, output.height, output.channels]).toEqual([20, 12, 3]);
      expect(Math.min(...output.data)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...output.data)).toBeLessThanOrEqual(1);
      expect(t.apply(img, record.params).data).toEqual(output.data);
      expect(t.run(img, new Rng(i)).record).toEqual(record);
    }
  });

  it('is the identity at 0 degrees, and on the general path too', () => {
    const img = ramp(7, 5, 1);
    expect(rotation().apply(img, { angle: 0 })).toBe(img);
    expect(Array.from(rotate(img, 0, 0).data)).toEqual(Array.from(img.data));
  });

  it('turns a square by 90 degrees counter-clockwise and 180 degrees exactly', () => {
    // 3x3 with a bright pixel at the right middle: a CCW quarter turn moves it to the top middle.
    const img: RawImage = { width: 3, height: 3, channels: 1, data: new Float32Array(9) };
    img.data[5] = 1;
    const quarter = rotate(img, 90, 0).data;
    expect(quarter[1]).toBeCloseTo(1, 5);
    expect(quarter.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);

    const half = rotate(ramp(4, 3, 1), 180, 0).data;
    const src = ramp(4, 3, 1).data;
    for (let i = 0; i < 12; i++) expect(half[i]).toBeCloseTo(src[11 - i], 5);
  });

  it('fills the corners with the fill value', () => {
    const img: RawImage = {
      width: 9,
      height: 9,
      channels: 1,
      data: new Float32Array(81).fill(0.5),
    };
    const out = rotation({ degrees: 45, fill: 1 }).apply(img, { angle: 45 });
    expect(out.data[0]).toBe(1);
    expect(out.data[40]).toBeCloseTo(0.5, 6);
  });

  it('names the field of a bad option', () => {
    expect(() => rotation({ degrees: -1 })).toThrow(/rotation\.degrees/);
    expect(() => rotation({ fill: 3 })).toThrow(/rotation\.fill/);
  });
});
