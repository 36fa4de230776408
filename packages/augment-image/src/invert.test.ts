import { describe, expect, it } from 'vitest';
import { invert, invertImage } from './invert.js';
import type { RawImage } from './raw-image.js';

describe('invert', () => {
  it('maps x to 1 - x on colour channels only', () => {
    const rgba: RawImage = {
      width: 1,
      height: 1,
      channels: 4,
      data: new Float32Array([0.25, 0, 1, 0.6]),
    };
    expect(Array.from(invertImage(rgba).data)).toEqual(
      Array.from(new Float32Array([0.75, 1, 0, 0.6])),
    );
    const gray: RawImage = { width: 2, height: 1, channels: 1, data: new Float32Array([0.25, 1]) };
    expect(Array.from(invertImage(gray).data)).toEqual([0.75, 0]);
    expect(invert({ p: 1 }).apply(gray, { applied: true }).data[0]).toBe(0.75);
    expect(() => invert({ p: -0.1 })).toThrow(/invert\.p/);
  });
});
