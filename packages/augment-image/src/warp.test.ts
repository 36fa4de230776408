import { describe, expect, it } from 'vitest';
import { syntheticScene } from './synthetic-scene.js';
import { homographyFromPoints, inverseAffine, warpAffine, warpPerspective } from './warp.js';

describe('warp', () => {
  it('is exact for the identity and for whole-pixel shifts, with fill outside', () => {
    const img = syntheticScene(9, 6, 3);
    expect(warpAffine(img, [1, 0, 0, 0, 1, 0], 0).data).toEqual(img.data);
    const shifted = warpAffine(img, [1, 0, -2, 0, 1, 0], 0.5);
    for (let y = 0; y < 6; y++) {
      for (let x = 0; x < 9; x++) {
        for (let k = 0; k < 3; k++) {
          const want = x >= 2 ? img.data[(y * 9 + x - 2) * 3 + k] : 0.5;
          expect(shifted.data[(y * 9 + x) * 3 + k]).toBeCloseTo(want, 6);
        }
      }
    }
  });

  it("builds torchvision's inverse matrix: a 90-degree turn maps corners to corners", () => {
    const [a, b, c, d, e, f] = inverseAffine(2, 2, 90, 0, 0, 1, 0, 0);
    // On screen (y down) a counter-clockwise quarter turn about (2, 2) sends the point below
    // the centre, (2, 4), to the one on its right, (4, 2): so output (4, 2) reads source (2, 4).
    expect(a * 4 + b * 2 + c).toBeCloseTo(2, 9);
    expect(d * 4 + e * 2 + f).toBeCloseTo(4, 9);
    const half = inverseAffine(0, 0, 0, 0, 0, 2, 0, 0);
    expect(half[0]).toBeCloseTo(0.5, 12);
  });

  it('solves the homography through four points and warps the identity exactly', () => {
    const sq: [number, number][] = [
      [0, 0],
      [7, 0],
      [7, 5],
      [0, 5],
    ];
    const moved: [number, number][] = [
      [1, 0],
      [6, 1],
      [7, 5],
      [0, 4],
    ];
    const h = homographyFromPoints(moved, sq);
    expect(h).not.toBeNull();
    for (let i = 0; i < 4; i++) {
      const [x, y] = moved[i];
      const den = (h?.[6] ?? 0) * x + (h?.[7] ?? 0) * y + 1;
      expect(((h?.[0] ?? 0) * x + (h?.[1] ?? 0) * y + (h?.[2] ?? 0)) / den).toBeCloseTo(
        sq[i][0],
        9,
      );
      expect(((h?.[3] ?? 0) * x + (h?.[4] ?? 0) * y + (h?.[5] ?? 0)) / den).toBeCloseTo(
        sq[i][1],
        9,
      );
    }
    const img = syntheticScene(8, 6, 1);
    const id = homographyFromPoints(sq, sq);
    expect(id && warpPerspective(img, id, 0).data).toEqual(img.data);
    expect(
      homographyFromPoints(
        [
          [0, 0],
          [1, 1],
          [2, 2],
          [3, 3],
        ],
        sq,
      ),
    ).toBeNull();
  });
});
