import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { affineImage, randomAffine } from './affine.js';
import { rotate } from './rotation.js';
import { syntheticScene } from './synthetic-scene.js';

const still = { angle: 0, tx: 0, ty: 0, scale: 1, shearX: 0, shearY: 0 };

describe('randomAffine', () => {
  it('draws within the ranges, whole-pixel shifts, and replays', () => {
    const t = randomAffine({
      degrees: 20,
      translate: [0.2, 0.1],
      scale: [0.8, 1.2],
      shear: [-5, 5],
    });
    const img = syntheticScene(30, 20, 3);
    for (let i = 0; i < 20; i++) {
      const { output, record } = t.run(img, new Rng(i));
      const p = record.params;
      expect(Math.abs(p.angle)).toBeLessThanOrEqual(20);
      expect(Number.isInteger(p.tx) && Math.abs(p.tx) <= 6).toBe(true);
      expect(Number.isInteger(p.ty) && Math.abs(p.ty) <= 2).toBe(true);
      expect(p.scale).toBeGreaterThanOrEqual(0.8);
      expect(Math.abs(p.shearX)).toBeLessThanOrEqual(5);
      expect(p.shearY).toBe(0);
      expect(t.apply(img, p).data).toEqual(output.data);
    }
  });

  it('matches rotation for a pure turn, returns the input for the identity', () => {
    const img = syntheticScene(15, 11, 1);
    expect(affineImage(img, still, 0)).toBe(img);
    const a = affineImage(img, { ...still, angle: 25 }, 0).data;
    const b = rotate(img, 25, 0).data;
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i], 5);
  });

  it('refuses bad options and records', () => {
    expect(() => randomAffine({ translate: [1.5, 0] as never })).toThrow(/randomAffine\.translate/);
    expect(() => randomAffine({ scale: [0, 1] })).toThrow(/randomAffine\.scale/);
    const t = randomAffine();
    expect(() => t.apply(syntheticScene(4, 4, 1), { ...still, scale: 0 })).toThrow(
      /INVALID_RECORD|replayed/,
    );
  });
});
