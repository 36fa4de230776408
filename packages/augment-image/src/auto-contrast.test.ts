import { describe, expect, it } from 'vitest';
import { autoContrastImage } from './auto-contrast.js';
import type { RawImage } from './raw-image.js';

describe('autoContrast', () => {
  it('stretches each channel to [0, 1] and leaves flat channels and alpha', () => {
    const img: RawImage = {
      width: 2,
      height: 1,
      channels: 4,
      data: new Float32Array([0.2, 0.5, 0.1, 0.3, 0.6, 0.5, 0.3, 0.9]),
    };
    const out = Array.from(autoContrastImage(img).data);
    expect(out[0]).toBe(0);
    expect(out[4]).toBeCloseTo(1, 6);
    expect(out[1]).toBe(0.5);
    expect(out[5]).toBe(0.5);
    expect(out[2]).toBe(0);
    expect(out[6]).toBeCloseTo(1, 6);
    expect([out[3], out[7]]).toEqual([Math.fround(0.3), Math.fround(0.9)]);
  });
});
