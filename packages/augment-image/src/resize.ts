import { type ParamSpecs, resolveOptions, type Transform } from '@manyviews/augment-core';
import { defineImageTransform } from './image-transform.js';
import type { RawImage } from './raw-image.js';
import { resizeImage } from './resample.js';

/** Options of {@link resize}. */
export interface ResizeOptions {
  /**
   * With `width` and `height` 0: the shorter side becomes `size` and the aspect ratio is kept
   * (torchvision's `Resize(int)`); default 256.
   */
  size?: number;
  /** Exact output width; 0 (default) follows `size`. */
  width?: number;
  /** Exact output height; 0 (default) follows `size`. */
  height?: number;
}

/** Option specs of {@link resize}. */
export const resizeSpecs: ParamSpecs = {
  size: { kind: 'integer', min: 1, max: 16384, default: 256, doc: 'shorter side in pixels' },
  width: { kind: 'integer', min: 0, max: 16384, default: 0, doc: 'exact width; 0 follows size' },
  height: { kind: 'integer', min: 0, max: 16384, default: 0, doc: 'exact height; 0 follows size' },
};

/**
 * Resizes with bilinear interpolation (see `resizeImage`). Deterministic: records `null`. With
 * only one of `width` / `height` given, the other keeps the aspect ratio.
 *
 * @param options see {@link ResizeOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` naming the field
 * @example
 * resize({ size: 256 }).apply(img, null); // 500x375 -> 341x256
 */
export function resize(options?: ResizeOptions): Transform<RawImage, null> {
  const o = resolveOptions('resize', resizeSpecs, options);
  const size = o.size as number;
  const width = o.width as number;
  const height = o.height as number;
  return defineImageTransform<null>({
    name: 'resize',
    options: o,
    sample: () => null,
    apply(img) {
      const [w, h] = outputSize(img.width, img.height, size, width, height);
      return w === img.width && h === img.height ? img : resizeImage(img, w, h);
    },
  });
}

function outputSize(
  w: number,
  h: number,
  size: number,
  width: number,
  height: number,
): [number, number] {
  if (width && height) return [width, height];
  if (width) return [width, Math.max(1, Math.round((h * width) / w))];
  if (height) return [Math.max(1, Math.round((w * height) / h)), height];
  // torchvision truncates the longer side (int(size * long / short)).
  return w <= h
    ? [size, Math.max(1, Math.floor((size * h) / w))]
    : [Math.max(1, Math.floor((size * w) / h)), size];
}
