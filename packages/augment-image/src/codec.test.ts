import type { ManyViewsError } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { recompress } from './codec.js';
import { syntheticScene } from './synthetic-scene.js';

// Mean, not max: 4:2:0 chroma subsampling smears colour across the scene's sharp edges.
const meanError = (a: Float32Array, b: Float32Array) =>
  a.reduce((m, v, i) => m + Math.abs(v - b[i]), 0) / a.length;

describe('recompress', () => {
  it('round-trips through JPEG and WebP synchronously, lower quality losing more', () => {
    const img = syntheticScene(64, 48, 3);
    const hi = recompress(img, 'jpeg', 95);
    const lo = recompress(img, 'jpeg', 5);
    expect([hi.image.width, hi.image.height, hi.image.channels]).toEqual([64, 48, 3]);
    expect(lo.bytes).toBeLessThan(hi.bytes);
    expect(meanError(hi.image.data, img.data)).toBeLessThan(meanError(lo.image.data, img.data));
    expect(meanError(hi.image.data, img.data)).toBeLessThan(0.02);
    const webp = recompress(img, 'webp', 50);
    expect(webp.bytes).toBeGreaterThan(0);
    expect(meanError(webp.image.data, img.data)).toBeLessThan(0.05);
  });

  it('keeps gray gray and alpha untouched', () => {
    const gray = recompress(syntheticScene(20, 20, 1), 'jpeg', 80).image;
    expect(gray.channels).toBe(1);
    const rgba = syntheticScene(20, 20, 4);
    const out = recompress(rgba, 'webp', 80).image;
    expect(out.data[3]).toBe(rgba.data[3]);
    expect(out.data[4 * 57 + 3]).toBe(rgba.data[4 * 57 + 3]);
  });

  it('refuses a quality outside 1..100', () => {
    let error: unknown;
    try {
      recompress(syntheticScene(4, 4, 3), 'jpeg', 0);
    } catch (e) {
      error = e;
    }
    expect((error as ManyViewsError).code).toBe('IMAGE_INVALID');
  });
});
