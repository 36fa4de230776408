import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { centerCrop, cropImage, randomCrop } from './crop.js';
import { syntheticScene } from './synthetic-scene.js';

describe('crop', () => {
  it('randomCrop takes a box at a uniform place, padding first', () => {
    const img = syntheticScene(10, 8, 3);
    const t = randomCrop({ size: 8, padding: 2 });
    const xs = new Set<number>();
    for (let i = 0; i < 60; i++) {
      const { output, record } = t.run(img, new Rng(i));
      const { x, y } = record.params;
      xs.add(x);
      expect(x).toBeLessThanOrEqual(6);
      expect(y).toBeLessThanOrEqual(4);
      expect([output.width, output.height]).toEqual([8, 8]);
      if (x >= 2 && y >= 2) expect(output.data[0]).toBe(img.data[((y - 2) * 10 + x - 2) * 3]);
      if (x === 0 && y === 0) expect(output.data[0]).toBe(0);
    }
    expect(xs.size).toBe(7);
    expect(() => t.apply(img, { x: 7, y: 0 })).toThrow(/INVALID_RECORD|replayed/);
  });

  it('centerCrop takes the middle, padding a small image around it', () => {
    const img = syntheticScene(7, 5, 1);
    const c = centerCrop({ size: 3 }).apply(img, null);
    expect(c.data).toEqual(cropImage(img, 2, 1, 3, 3).data);
    const grown = centerCrop({ width: 9, height: 5 }).apply(img, null);
    expect([grown.width, grown.height]).toEqual([9, 5]);
    expect(grown.data[0]).toBe(0);
    expect(grown.data[1]).toBe(img.data[0]);
  });
});
