import {
  badRecord,
  type ParamSpecs,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { defineImageTransform } from './image-transform.js';
import type { RawImage } from './raw-image.js';
import { inverseAffine, warpAffine } from './warp.js';

/** Options of {@link randomAffine}; torchvision's `RandomAffine`, each part off by default. */
export interface RandomAffineOptions {
  /** Rotation uniform in `[-degrees, degrees]`, counter-clockwise; default 0. */
  degrees?: number;
  /** Largest shift as a fraction of `[width, height]`, each in [0, 1]; default [0, 0]. */
  translate?: readonly [number, number];
  /** Scale factor uniform in `[lo, hi]`; default [1, 1]. */
  scale?: readonly [number, number];
  /** Shear parallel to the x axis, degrees uniform in `[lo, hi]`; default [0, 0]. */
  shear?: readonly [number, number];
  /** Shear parallel to the y axis, degrees uniform in `[lo, hi]`; default [0, 0]. */
  shearY?: readonly [number, number];
  /** Value outside the source, in [0, 1]; default 0. */
  fill?: number;
}

/**
 * What {@link randomAffine} records: angle (degrees, counter-clockwise), shift in pixels,
 * scale factor and shears in degrees.
 */
export interface AffineParams {
  angle: number;
  tx: number;
  ty: number;
  scale: number;
  shearX: number;
  shearY: number;
}

/** Option specs of {@link randomAffine}. */
export const randomAffineSpecs: ParamSpecs = {
  degrees: { kind: 'number', min: 0, max: 180, default: 0, doc: 'angle uniform in [-d, d]' },
  translate: {
    kind: 'numbers',
    minLength: 2,
    maxLength: 2,
    min: 0,
    max: 1,
    default: [0, 0],
    doc: 'largest shift as a fraction of [width, height]',
  },
  scale: { kind: 'range', min: 0.01, max: 100, default: [1, 1], doc: 'scale factor' },
  shear: { kind: 'range', min: -89, max: 89, default: [0, 0], doc: 'x shear in degrees' },
  shearY: { kind: 'range', min: -89, max: 89, default: [0, 0], doc: 'y shear in degrees' },
  fill: { kind: 'number', min: 0, max: 1, default: 0, doc: 'value outside the source' },
};

/**
 * Rotates, shifts, scales and shears about the image centre in one inverse-mapped bilinear pass,
 * with torchvision's `RandomAffine` draws: angle uniform in `[-degrees, degrees]`, shift uniform
 * in `[-t W, t W]` rounded to whole pixels, scale and shears uniform in their ranges. The matrix
 * is torchvision's `_get_inverse_affine_matrix`. Same output size; `fill` outside the source.
 *
 * @param options see {@link RandomAffineOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` naming the field
 * @example
 * randomAffine({ degrees: 15, translate: [0.1, 0.1], scale: [0.9, 1.1] }).run(img, rng);
 */
export function randomAffine(options?: RandomAffineOptions): Transform<RawImage, AffineParams> {
  const o = resolveOptions('randomAffine', randomAffineSpecs, options);
  const degrees = o.degrees as number;
  const [fx, fy] = o.translate as [number, number];
  const [sLo, sHi] = o.scale as [number, number];
  const [hLo, hHi] = o.shear as [number, number];
  const [vLo, vHi] = o.shearY as [number, number];
  const fill = o.fill as number;
  return defineImageTransform<AffineParams>({
    name: 'randomAffine',
    options: o,
    sample(img, rng) {
      const mx = fx * img.width;
      const my = fy * img.height;
      return {
        angle: degrees ? rng.uniform(-degrees, degrees) : 0,
        tx: mx ? Math.round(rng.uniform(-mx, mx)) : 0,
        ty: my ? Math.round(rng.uniform(-my, my)) : 0,
        scale: sLo === sHi ? sLo : rng.uniform(sLo, sHi),
        shearX: hLo === hHi ? hLo : rng.uniform(hLo, hHi),
        shearY: vLo === vHi ? vLo : rng.uniform(vLo, vHi),
      };
    },
    apply(img, params) {
      checkAffine(params);
      return affineImage(img, params, fill);
    },
  });
}

/**
 * Applies affine parameters about the image centre, `((W - 1) / 2, (H - 1) / 2)` in pixel
 * indices; the identity returns the input object itself.
 *
 * @param center the fixed point; default the image centre (RandAugment's shears use `[0, 0]`)
 * @returns a new image of the same size, or `img` for the identity
 */
export function affineImage(
  img: RawImage,
  p: AffineParams,
  fill: number,
  center: readonly [number, number] = [(img.width - 1) / 2, (img.height - 1) / 2],
): RawImage {
  if (p.angle === 0 && p.tx === 0 && p.ty === 0 && p.scale === 1 && !p.shearX && !p.shearY) {
    return img;
  }
  const m = inverseAffine(center[0], center[1], p.angle, p.tx, p.ty, p.scale, p.shearX, p.shearY);
  return warpAffine(img, m, fill);
}

function checkAffine(p: AffineParams): void {
  const ok =
    typeof p === 'object' &&
    p !== null &&
    ['angle', 'tx', 'ty', 'scale', 'shearX', 'shearY'].every((k) =>
      Number.isFinite((p as unknown as Record<string, number>)[k]),
    ) &&
    p.scale > 0 &&
    Math.abs(p.shearX) < 90 &&
    Math.abs(p.shearY) < 90;
  if (!ok) throw badRecord('randomAffine', '{angle, tx, ty, scale > 0, |shear| < 90}', p);
}
