import { buildRecipe, ManyViewsError, Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { randomResizedCrop } from './random-resized-crop.js';
import type { RawImage } from './raw-image.js';
import { imageRegistry } from './registry.js';

function ramp(width: number, height: number, channels: 1 | 3 | 4): RawImage {
  const data = new Float32Array(width * height * channels);
  for (let i = 0; i < data.length; i++) data[i] = (i % 97) / 96;
  return { width, height, channels, data };
}

describe('randomResizedCrop', () => {
  it('outputs the asked size, stays in [0, 1] and records a box inside the image', () => {
    const t = randomResizedCrop({ size: 28, scale: [0.3, 1] });
    const img = ramp(40, 30, 3);
    for (let i = 0; i < 50; i++) {
      const { output, record } = t.run(img, new Rng(i));
      expect([output.width, output.height, output.channels]).toEqual([28, 28, 3]);
      expect(output.data.length).toBe(28 * 28 * 3);
      expect(Math.min(...output.data)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...output.data)).toBeLessThanOrEqual(1);
      const { x, y, w, h } = record.params;
      expect(x >= 0 && y >= 0 && x + w <= 40 && y + h <= 30).toBe(true);
      expect(w * h).toBeGreaterThanOrEqual(Math.floor(0.3 * 1200 * 0.9));
    }
  });

  it('draws the same box from the same seed and replays its record exactly', () => {
    const t = randomResizedCrop({ size: 16 });
    const img = ramp(50, 40, 1);
    const a = t.run(img, new Rng(9));
    const b = t.run(img, new Rng(9));
    expect(b.record).toEqual(a.record);
    expect(t.apply(img, a.record.params).data).toEqual(a.output.data);
    expect(t.run(img, new Rng(10)).record).not.toEqual(a.record);
  });

  it('copies a known box exactly when it is the output size, and honours width/height', () => {
    const img = ramp(5, 4, 1);
    const t = randomResizedCrop({ size: 2 });
    const out = t.apply(img, { x: 1, y: 2, w: 2, h: 2 });
    expect(Array.from(out.data)).toEqual([11, 12, 16, 17].map((i) => img.data[i]));

    const wide = randomResizedCrop({ size: 8, width: 6, height: 3 }).run(img, new Rng(1)).output;
    expect([wide.width, wide.height]).toEqual([6, 3]);
  });

  it('upsamples a 1x2 box bilinearly between its two pixels', () => {
    const img: RawImage = { width: 2, height: 1, channels: 1, data: new Float32Array([0, 1]) };
    const out = randomResizedCrop({ size: 4, width: 4, height: 1 }).apply(img, {
      x: 0,
      y: 0,
      w: 2,
      h: 1,
    });
    expect(Array.from(out.data)).toEqual([0, 0.25, 0.75, 1]);
  });

  it('falls back to a centre crop at the nearest ratio when no try fits', () => {
    // A 100x10 strip cannot hold a box of ratio 1 with 90% of its area: all 10 tries fail.
    const t = randomResizedCrop({ size: 4, scale: [0.9, 1], ratio: [1, 1] });
    expect(t.run(ramp(100, 10, 1), new Rng(3)).record.params).toEqual({
      x: 45,
      y: 0,
      w: 10,
      h: 10,
    });
  });

  it('rejects a box outside the image on replay', () => {
    const t = randomResizedCrop({ size: 2 });
    expect(() => t.apply(ramp(4, 4, 1), { x: 3, y: 0, w: 2, h: 2 })).toThrow(/INVALID_BOX|inside/);
  });

  it('names the field of a bad option, from code and from a recipe', () => {
    expect(() => randomResizedCrop({ scale: [2, 1] })).toThrow(/randomResizedCrop\.scale/);
    let error: unknown;
    try {
      buildRecipe(
        { version: 1, domain: 'image', pipeline: [{ type: 'randomResizedCrop', scale: [2, 1] }] },
        imageRegistry,
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ManyViewsError);
    expect((error as ManyViewsError).code).toBe('RECIPE_INVALID_PARAM');
    expect((error as ManyViewsError).message).toMatch(/pipeline\[0\]\.scale/);
    expect(() => randomResizedCrop({ size: 0 })).toThrow(/randomResizedCrop\.size/);
    expect(() => randomResizedCrop({ ratio: [2, 1] })).toThrow(/randomResizedCrop\.ratio/);
  });
});
