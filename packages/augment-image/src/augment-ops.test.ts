import { describe, expect, it } from 'vitest';
import { applyAugmentOp, randAugmentSpace, trivialAugmentSpace } from './augment-ops.js';
import { syntheticScene } from './synthetic-scene.js';

describe('the RandAugment and TrivialAugment operation spaces', () => {
  it("hold torchvision's 14 ops and magnitude tables", () => {
    const ra = randAugmentSpace(31, 331, 331);
    expect(ra.map((m) => m.op)).toEqual([
      'Identity',
      'ShearX',
      'ShearY',
      'TranslateX',
      'TranslateY',
      'Rotate',
      'Brightness',
      'Color',
      'Contrast',
      'Sharpness',
      'Posterize',
      'Solarize',
      'AutoContrast',
      'Equalize',
    ]);
    const at = (space: typeof ra, op: string, bin: number) =>
      space.find((m) => m.op === op)?.magnitudes[bin];
    expect(at(ra, 'Rotate', 30)).toBeCloseTo(30, 9);
    expect(at(ra, 'Rotate', 9)).toBeCloseTo(9, 9);
    expect(at(ra, 'ShearX', 30)).toBeCloseTo(0.3, 9);
    expect(at(ra, 'TranslateX', 30)).toBeCloseTo(150, 9);
    expect(at(ra, 'Brightness', 30)).toBeCloseTo(0.9, 9);
    expect(ra.find((m) => m.op === 'Posterize')?.magnitudes.filter((_, i) => i % 5 === 0)).toEqual([
      8, 7, 7, 6, 5, 5, 4,
    ]);
    expect(at(ra, 'Solarize', 0)).toBe(1);
    expect(at(ra, 'Solarize', 30)).toBeCloseTo(0, 9);
    const ta = trivialAugmentSpace(31);
    expect(at(ta, 'Rotate', 30)).toBeCloseTo(135, 9);
    expect(at(ta, 'TranslateY', 30)).toBeCloseTo(32, 9);
    expect(at(ta, 'Posterize', 30)).toBe(2);
    expect(ra.filter((m) => m.signed).map((m) => m.op)).toEqual(
      ta.filter((m) => m.signed).map((m) => m.op),
    );
  });

  it('applies ops with the factor semantics 1 + value, and refuses unknown ops', () => {
    const img = syntheticScene(12, 10, 3);
    expect(applyAugmentOp(img, { op: 'Identity', bin: 0, value: 0 }, 0, 'x')).toBe(img);
    const dark = applyAugmentOp(img, { op: 'Brightness', bin: 30, value: -0.5 }, 0, 'x');
    expect(dark.data[0]).toBeCloseTo(img.data[0] * 0.5, 6);
    const shifted = applyAugmentOp(img, { op: 'TranslateX', bin: 5, value: 3.7 }, 0, 'x');
    expect(shifted.data[3 * 3]).toBeCloseTo(img.data[0], 6);
    expect(shifted.data[0]).toBe(0);
    expect(() => applyAugmentOp(img, { op: 'Blur' as never, bin: 0, value: 1 }, 0, 'x')).toThrow(
      /INVALID_RECORD|replayed/,
    );
  });
});
