import { describe, expect, it } from 'vitest';
import { posterize, posterizeImage } from './posterize.js';
import type { RawImage } from './raw-image.js';

describe('posterize', () => {
  it('keeps the top bits: floor(x 2^bits) / 2^bits, 8 bits keeps 8-bit levels', () => {
    const img: RawImage = {
      width: 4,
      height: 1,
      channels: 1,
      data: new Float32Array([0, 0.3, 0.74, 1]),
    };
    expect(Array.from(posterizeImage(img, 2).data)).toEqual([0, 0.25, 0.5, 0.75]);
    expect(Array.from(posterizeImage(img, 1).data)).toEqual([0, 0, 0.5, 0.5]);
    const levels = Float32Array.from({ length: 256 }, (_, i) => i / 255);
    const eight = posterizeImage({ width: 256, height: 1, channels: 1, data: levels }, 8).data;
    expect(new Set(Array.from(eight, (v) => Math.round(v * 256))).size).toBe(256);
    expect(() => posterize({ bits: 9 })).toThrow(/posterize\.bits/);
    expect(() => posterize({ bits: 2.5 })).toThrow(/posterize\.bits/);
  });
});
