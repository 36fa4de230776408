import { badRecord } from '@manyviews/augment-core';
import { affineImage } from './affine.js';
import { autoContrastImage } from './auto-contrast.js';
import { applyJitter } from './color-jitter.js';
import { equalizeImage } from './equalize.js';
import { posterizeImage } from './posterize.js';
import type { RawImage } from './raw-image.js';
import { rotate } from './rotation.js';
import { sharpenImage } from './sharpen.js';
import { solarizeImage } from './solarize.js';

/** The operations of RandAugment and TrivialAugment, with torchvision's names. */
export type AugmentOp =
  | 'Identity'
  | 'ShearX'
  | 'ShearY'
  | 'TranslateX'
  | 'TranslateY'
  | 'Rotate'
  | 'Brightness'
  | 'Color'
  | 'Contrast'
  | 'Sharpness'
  | 'Posterize'
  | 'Solarize'
  | 'AutoContrast'
  | 'Equalize';

/**
 * One row of an operation space: the op, its magnitude at the top bin, and whether it is signed.
 */
export interface OpMeta {
  op: AugmentOp;
  /** Magnitudes by bin, `bins` values (empty for ops without a magnitude). */
  magnitudes: number[];
  /** Signed ops get a random sign with probability 1/2. */
  signed: boolean;
}

/** One application an automatic policy recorded: the op, its bin and its signed value. */
export interface OpRecord {
  op: AugmentOp;
  bin: number;
  value: number;
}

const linspace = (a: number, b: number, n: number) =>
  Array.from({ length: n }, (_, i) => (n === 1 ? a : a + ((b - a) * i) / (n - 1)));
const posterizeBits = (bins: number, span: number) =>
  Array.from({ length: bins }, (_, i) => 8 - Math.round(i / ((bins - 1) / span)));

/**
 * RandAugment's space (Cubuk et al. 2020, as torchvision's `RandAugment._augmentation_space`):
 * shears up to 0.3, shifts up to 150/331 of the side, rotations up to 30 degrees, brightness /
 * colour / contrast / sharpness factors `1 +- 0.9`, posterize 8 down to 4 bits, solarize
 * threshold 1 down to 0, plus identity, auto-contrast and equalize; `bins` magnitude bins.
 */
export function randAugmentSpace(bins: number, width: number, height: number): OpMeta[] {
  return [
    { op: 'Identity', magnitudes: [], signed: false },
    { op: 'ShearX', magnitudes: linspace(0, 0.3, bins), signed: true },
    { op: 'ShearY', magnitudes: linspace(0, 0.3, bins), signed: true },
    { op: 'TranslateX', magnitudes: linspace(0, (150 / 331) * width, bins), signed: true },
    { op: 'TranslateY', magnitudes: linspace(0, (150 / 331) * height, bins), signed: true },
    { op: 'Rotate', magnitudes: linspace(0, 30, bins), signed: true },
    { op: 'Brightness', magnitudes: linspace(0, 0.9, bins), signed: true },
    { op: 'Color', magnitudes: linspace(0, 0.9, bins), signed: true },
    { op: 'Contrast', magnitudes: linspace(0, 0.9, bins), signed: true },
    { op: 'Sharpness', magnitudes: linspace(0, 0.9, bins), signed: true },
    { op: 'Posterize', magnitudes: posterizeBits(bins, 4), signed: false },
    { op: 'Solarize', magnitudes: linspace(1, 0, bins), signed: false },
    { op: 'AutoContrast', magnitudes: [], signed: false },
    { op: 'Equalize', magnitudes: [], signed: false },
  ];
}

/**
 * TrivialAugment's wide space (Müller and Hutter 2021, torchvision's `TrivialAugmentWide`):
 * shears up to 0.99, shifts up to 32 pixels, rotations up to 135 degrees, factors `1 +- 0.99`,
 * posterize 8 down to 2 bits, solarize 1 down to 0, identity, auto-contrast, equalize.
 */
export function trivialAugmentSpace(bins: number): OpMeta[] {
  return [
    { op: 'Identity', magnitudes: [], signed: false },
    { op: 'ShearX', magnitudes: linspace(0, 0.99, bins), signed: true },
    { op: 'ShearY', magnitudes: linspace(0, 0.99, bins), signed: true },
    { op: 'TranslateX', magnitudes: linspace(0, 32, bins), signed: true },
    { op: 'TranslateY', magnitudes: linspace(0, 32, bins), signed: true },
    { op: 'Rotate', magnitudes: linspace(0, 135, bins), signed: true },
    { op: 'Brightness', magnitudes: linspace(0, 0.99, bins), signed: true },
    { op: 'Color', magnitudes: linspace(0, 0.99, bins), signed: true },
    { op: 'Contrast', magnitudes: linspace(0, 0.99, bins), signed: true },
    { op: 'Sharpness', magnitudes: linspace(0, 0.99, bins), signed: true },
    { op: 'Posterize', magnitudes: posterizeBits(bins, 6), signed: false },
    { op: 'Solarize', magnitudes: linspace(1, 0, bins), signed: false },
    { op: 'AutoContrast', magnitudes: [], signed: false },
    { op: 'Equalize', magnitudes: [], signed: false },
  ];
}

const OP_NAMES = new Set<string>(randAugmentSpace(2, 1, 1).map((m) => m.op));

/**
 * Applies one op at a signed value, as torchvision's `_apply_op`: shears are `atan(value)` in
 * degrees about the top-left corner, shifts are whole pixels, factors are `1 + value`. Bilinear
 * where torchvision defaults to nearest (smoother, and the same sampler as every other warp here).
 *
 * @throws {ManyViewsError} `INVALID_RECORD` for an unknown op or a non-finite value
 */
export function applyAugmentOp(
  img: RawImage,
  record: OpRecord,
  fill: number,
  where: string,
): RawImage {
  const { op, value } = record ?? {};
  if (!OP_NAMES.has(op) || !Number.isFinite(value)) {
    throw badRecord(where, `{op: one of ${[...OP_NAMES].join(', ')}, value}`, record);
  }
  const corner: [number, number] = [-0.5, -0.5];
  const still = { angle: 0, tx: 0, ty: 0, scale: 1, shearX: 0, shearY: 0 };
  const shear = (Math.atan(value) * 180) / Math.PI;
  switch (op) {
    case 'Identity':
      return img;
    case 'ShearX':
      return affineImage(img, { ...still, shearX: shear }, fill, corner);
    case 'ShearY':
      return affineImage(img, { ...still, shearY: shear }, fill, corner);
    case 'TranslateX':
      return affineImage(img, { ...still, tx: Math.trunc(value) }, fill);
    case 'TranslateY':
      return affineImage(img, { ...still, ty: Math.trunc(value) }, fill);
    case 'Rotate':
      return value === 0 ? img : rotate(img, value, fill);
    case 'Brightness':
      return applyJitter(img, { order: ['brightness'], brightness: 1 + value });
    case 'Color':
      return applyJitter(img, { order: ['saturation'], saturation: 1 + value });
    case 'Contrast':
      return applyJitter(img, { order: ['contrast'], contrast: 1 + value });
    case 'Sharpness':
      return sharpenImage(img, 1 + value);
    case 'Posterize':
      return posterizeImage(img, Math.max(1, Math.min(8, Math.trunc(value))));
    case 'Solarize':
      return solarizeImage(img, value);
    case 'AutoContrast':
      return autoContrastImage(img);
    default:
      return equalizeImage(img);
  }
}
