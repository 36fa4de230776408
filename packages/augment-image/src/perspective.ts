import {
  badRecord,
  type ParamSpecs,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { defineImageTransform } from './image-transform.js';
import type { RawImage } from './raw-image.js';
import { homographyFromPoints, warpPerspective } from './warp.js';

/** Options of {@link randomPerspective}. */
export interface RandomPerspectiveOptions {
  /** How far each corner may move, as a fraction of half the side, in [0, 1]; default 0.5. */
  distortion?: number;
  /** Probability of warping; default 0.5 (torchvision's `RandomPerspective`). */
  p?: number;
  /** Value outside the source, in [0, 1]; default 0. */
  fill?: number;
}

/** A point `[x, y]` in pixel indices. */
export type Point = [number, number];

/**
 * What {@link randomPerspective} records: whether it warped and where the corners top-left,
 * top-right, bottom-right, bottom-left went.
 */
export interface PerspectiveParams {
  applied: boolean;
  corners?: [Point, Point, Point, Point];
}

/** Option specs of {@link randomPerspective}. */
export const randomPerspectiveSpecs: ParamSpecs = {
  distortion: { kind: 'number', min: 0, max: 1, default: 0.5, doc: 'corner shift, of half a side' },
  p: { kind: 'number', min: 0, max: 1, default: 0.5, doc: 'probability of warping' },
  fill: { kind: 'number', min: 0, max: 1, default: 0, doc: 'value outside the source' },
};

/**
 * With probability `p`, moves each corner inward by up to `distortion` of half the side and
 * warps the image so the corners land there, in one inverse-mapped bilinear pass. Draws follow
 * torchvision's `RandomPerspective.get_params` (integer corner positions).
 *
 * @param options see {@link RandomPerspectiveOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` naming the field
 */
export function randomPerspective(
  options?: RandomPerspectiveOptions,
): Transform<RawImage, PerspectiveParams> {
  const o = resolveOptions('randomPerspective', randomPerspectiveSpecs, options);
  const d = o.distortion as number;
  const p = o.p as number;
  const fill = o.fill as number;
  return defineImageTransform<PerspectiveParams>({
    name: 'randomPerspective',
    options: o,
    sample(img, rng) {
      if (!rng.bool(p)) return { applied: false };
      const { width: w, height: h } = img;
      const dx = Math.floor(d * Math.floor(w / 2));
      const dy = Math.floor(d * Math.floor(h / 2));
      // torch.randint(lo, hi) excludes hi; Rng.int includes both ends.
      const corners: [Point, Point, Point, Point] = [
        [rng.int(0, dx), rng.int(0, dy)],
        [rng.int(w - dx - 1, w - 1), rng.int(0, dy)],
        [rng.int(w - dx - 1, w - 1), rng.int(h - dy - 1, h - 1)],
        [rng.int(0, dx), rng.int(h - dy - 1, h - 1)],
      ];
      return { applied: true, corners };
    },
    apply(img, params) {
      if (typeof params?.applied !== 'boolean') {
        throw badRecord('randomPerspective', '{applied, corners?}', params);
      }
      if (!params.applied) return img;
      return perspectiveImage(img, params.corners as [Point, Point, Point, Point], fill);
    },
  });
}

/**
 * Warps `img` so its corners `(0, 0), (W-1, 0), (W-1, H-1), (0, H-1)` land on `corners`.
 *
 * @throws {ManyViewsError} `INVALID_RECORD` for corners that are not four points or that fold
 * @returns a new image of the same size (the input itself when a side is 1 pixel)
 */
export function perspectiveImage(
  img: RawImage,
  corners: [Point, Point, Point, Point],
  fill: number,
): RawImage {
  const ok =
    Array.isArray(corners) &&
    corners.length === 4 &&
    corners.every((q) => Array.isArray(q) && q.length === 2 && q.every(Number.isFinite));
  if (!ok) throw badRecord('randomPerspective', 'four [x, y] corners', corners);
  // A line of pixels has no quadrilateral to map; torchvision's solve would be singular too.
  if (img.width < 2 || img.height < 2) return img;
  const w = img.width - 1;
  const h = img.height - 1;
  const start: Point[] = [
    [0, 0],
    [w, 0],
    [w, h],
    [0, h],
  ];
  // The inverse map: from where a corner went back to where it came from.
  const hom = homographyFromPoints(corners, start);
  if (!hom) throw badRecord('randomPerspective', 'corners with no three in a line', corners);
  return warpPerspective(img, hom, fill);
}
