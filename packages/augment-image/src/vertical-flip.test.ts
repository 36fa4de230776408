import { describe, expect, it } from 'vitest';
import type { RawImage } from './raw-image.js';
import { flipVertical, verticalFlip } from './vertical-flip.js';

describe('verticalFlip', () => {
  it('swaps rows and is its own inverse', () => {
    const img: RawImage = {
      width: 2,
      height: 3,
      channels: 1,
      data: new Float32Array([1, 2, 3, 4, 5, 6]),
    };
    expect(Array.from(flipVertical(img).data)).toEqual([5, 6, 3, 4, 1, 2]);
    expect(Array.from(flipVertical(flipVertical(img)).data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(verticalFlip().apply(img, { flipped: false })).toBe(img);
  });
});
