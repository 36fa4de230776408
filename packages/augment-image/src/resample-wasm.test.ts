import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { flipHorizontal, flipHorizontalReference, horizontalFlip } from './horizontal-flip.js';
import { randomResizedCrop } from './random-resized-crop.js';
import type { RawImage } from './raw-image.js';
import { type Box, resampleBox, resampleBoxReference } from './resample.js';
import { syntheticScene } from './synthetic-scene.js';

function worstDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

function noise(width: number, height: number, channels: 1 | 3 | 4, seed: number): RawImage {
  const rng = new Rng(seed);
  const data = new Float32Array(width * height * channels);
  for (let i = 0; i < data.length; i++) data[i] = rng.next();
  return { width, height, channels, data };
}

describe('resampleBox on its SIMD path', () => {
  it('matches the JavaScript reference within 1e-6: 1, 3, 4 channels, odd sizes, shrinks', () => {
    const cases: Array<[RawImage, Box, number, number]> = [
      [noise(500, 375, 3, 1), { x: 37, y: 11, w: 301, h: 222 }, 224, 224],
      [noise(500, 375, 3, 2), { x: 0, y: 0, w: 500, h: 375 }, 224, 224],
      [noise(500, 375, 3, 3), { x: 480, y: 300, w: 20, h: 75 }, 224, 224],
      [noise(41, 29, 1, 4), { x: 3, y: 2, w: 30, h: 27 }, 28, 28],
      [noise(41, 29, 4, 5), { x: 5, y: 1, w: 7, h: 9 }, 13, 5],
      [noise(9, 7, 3, 6), { x: 8, y: 6, w: 1, h: 1 }, 3, 2],
      [noise(300, 400, 3, 13), { x: 0, y: 0, w: 50, h: 100 }, 28, 28],
      [noise(300, 400, 3, 15), { x: 0, y: 0, w: 300, h: 400 }, 28, 28],
      [noise(64, 48, 3, 14), { x: 10, y: 20, w: 40, h: 1 }, 224, 224],
    ];
    for (const [img, box, w, h] of cases) {
      const fast = resampleBox(img, box, w, h);
      const want = resampleBoxReference(img, box, w, h);
      expect([fast.width, fast.height, fast.channels]).toEqual([w, h, img.channels]);
      expect(worstDiff(fast.data, want.data)).toBeLessThan(1e-6);
    }
  });

  it('copies a box the size of the output exactly', () => {
    const img = noise(60, 50, 3, 7);
    const box = { x: 13, y: 9, w: 24, h: 17 };
    const out = resampleBox(img, box, 24, 17).data;
    for (let y = 0; y < 17; y++) {
      for (let i = 0; i < 24 * 3; i++) {
        expect(out[y * 72 + i]).toBe(img.data[(box.y + y) * 180 + box.x * 3 + i]);
      }
    }
  });

  it('keeps randomResizedCrop pinned to the reference and its records replaying exactly', () => {
    const crop = randomResizedCrop({ size: 224 });
    const photo = syntheticScene(500, 375, 3);
    for (let i = 0; i < 6; i++) {
      const { output, record } = crop.run(photo, new Rng(3).fork(i));
      const want = resampleBoxReference(photo, record.params, 224, 224);
      expect(worstDiff(output.data, want.data)).toBeLessThan(1e-6);
      const again = crop.apply(photo, record.params).data;
      expect(again.every((v, k) => v === output.data[k])).toBe(true);
    }
  });
});

describe('flipHorizontal on its SIMD path', () => {
  it('copies every value bit for bit as the JavaScript loop does, for 1, 3 and 4 channels', () => {
    const odd = noise(7, 3, 3, 8);
    odd.data.set([Number.NaN, -0, Number.POSITIVE_INFINITY, -1e-40], 5);
    const cases = [noise(224, 224, 3, 9), noise(28, 28, 1, 10), noise(5, 4, 4, 11), odd];
    for (const img of cases) {
      const fast = new Uint32Array(flipHorizontal(img).data.buffer);
      const want = new Uint32Array(flipHorizontalReference(img).data.buffer);
      expect(fast.length).toBe(want.length);
      expect(fast.every((v, k) => v === want[k])).toBe(true);
    }
  });

  it('replays a recorded flip exactly', () => {
    const flip = horizontalFlip({ p: 1 });
    const img = noise(31, 17, 3, 12);
    const { output, record } = flip.run(img, new Rng(1));
    expect(flip.apply(img, record.params).data).toEqual(output.data);
  });
});
