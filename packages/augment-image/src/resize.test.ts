import { describe, expect, it } from 'vitest';
import { resize } from './resize.js';
import { syntheticScene } from './synthetic-scene.js';

describe('resize', () => {
  it("takes the shorter side to size as torchvision's Resize(int), or an exact size", () => {
    const img = syntheticScene(50, 30, 3);
    const a = resize({ size: 15 }).apply(img, null);
    expect([a.width, a.height]).toEqual([25, 15]);
    const b = resize({ width: 10, height: 10 }).apply(img, null);
    expect([b.width, b.height]).toEqual([10, 10]);
    const c = resize({ width: 25 }).apply(img, null);
    expect([c.width, c.height]).toEqual([25, 15]);
    expect(resize({ size: 30 }).apply(img, null)).toBe(img);
  });
});
