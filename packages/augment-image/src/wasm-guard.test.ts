import { describe, expect, it } from 'vitest';
import { applyJitter } from './color-jitter.js';
import { blur } from './gaussian-blur.js';
import { flipHorizontal } from './horizontal-flip.js';
import type { RawImage } from './raw-image.js';
import { resampleBox } from './resample.js';

// The exported pixel functions hand their buffers to the SIMD kernels: a short buffer must be
// refused before any kernel reads past it (stale memory of an earlier call, or out of bounds).
const short = { width: 50, height: 50, channels: 3, data: new Float32Array(10) } as RawImage;
const long = { width: 2, height: 2, channels: 3, data: new Float32Array(10_000) } as RawImage;

describe('SIMD kernels never read outside the image', () => {
  it.each([
    ['flipHorizontal', (img: RawImage) => flipHorizontal(img)],
    ['blur', (img: RawImage) => blur(img, 1.5, 0)],
    [
      'applyJitter',
      (img: RawImage) => applyJitter(img, { order: ['brightness'], brightness: 1.2 } as never),
    ],
  ])('%s refuses a buffer that does not fit the shape', (_name, fn) => {
    flipHorizontal({
      width: 100,
      height: 100,
      channels: 3,
      data: new Float32Array(30_000).fill(7),
    });
    expect(() => fn(short)).toThrow(/IMAGE_INVALID|do not fit/);
    expect(() => fn(long)).toThrow(/do not fit/);
  });

  it('resampleBox refuses a box over rows the data does not hold', () => {
    expect(() => resampleBox(short, { x: 0, y: 0, w: 50, h: 50 }, 40, 40)).toThrow(
      /outside the image/,
    );
  });
});
