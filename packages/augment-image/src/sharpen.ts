import { type ParamSpecs, resolveOptions, type Transform } from '@manyviews/augment-core';
import { type RandomOpParams, randomOp } from './random-op.js';
import type { RawImage } from './raw-image.js';

/** Options of {@link sharpen}. */
export interface SharpenOptions {
  /**
   * Sharpness factor `[lo, hi]`, drawn uniformly (a bare number is a fixed factor): 0 blurs, 1
   * keeps, 2 doubles the detail; default [2, 2] (torchvision's usual `sharpness_factor=2`).
   */
  factor?: readonly [number, number] | number;
  /** Probability of sharpening; default 0.5 (torchvision's `RandomAdjustSharpness`). */
  p?: number;
}

/** What {@link sharpen} draws when it runs. */
export interface SharpenDrawn {
  factor: number;
}

/** Option specs of {@link sharpen}. */
export const sharpenSpecs: ParamSpecs = {
  factor: { kind: 'range', min: 0, max: 100, default: [2, 2], doc: 'sharpness factor' },
  p: { kind: 'number', min: 0, max: 1, default: 0.5, doc: 'probability of sharpening' },
};

/**
 * With probability `p`, adjusts sharpness by a factor uniform in `factor`, with torchvision's
 * `adjust_sharpness` semantics; see {@link sharpenImage}.
 *
 * @param options see {@link SharpenOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` naming the field
 * @example
 * sharpen({ factor: [0.5, 3], p: 1 }).run(img, rng).record.params; // { applied: true, drawn: { factor: 1.7 } }
 */
export function sharpen(
  options?: SharpenOptions,
): Transform<RawImage, RandomOpParams<SharpenDrawn>> {
  const o = resolveOptions('sharpen', sharpenSpecs, options);
  const [lo, hi] = o.factor as [number, number];
  return randomOp(
    'sharpen',
    o,
    o.p as number,
    (_img, rng) => ({ factor: lo === hi ? lo : rng.uniform(lo, hi) }),
    (img, drawn) => sharpenImage(img, drawn.factor),
  );
}

/**
 * torchvision's `adjust_sharpness`: blends the image with a smoothed copy,
 * `clamp(f x + (1 - f) smooth)`, where `smooth` is the 3x3 kernel `[[1,1,1],[1,5,1],[1,1,1]] / 13`
 * inside and the image itself on the one-pixel border (so the border is only scaled). Images
 * under 3 pixels on a side are returned as they are. Alpha is kept.
 *
 * @param factor >= 0
 * @returns a new image (or the input when it is too small)
 */
export function sharpenImage(img: RawImage, factor: number): RawImage {
  const { width: w, height: h, channels: c } = img;
  if (w < 3 || h < 3) return img;
  const src = img.data;
  const out = new Float32Array(src.length);
  const colours = c === 4 ? 3 : c;
  const stride = w * c;
  const g = (1 - factor) / 13;
  for (let y = 0; y < h; y++) {
    const edgeRow = y === 0 || y === h - 1;
    for (let x = 0; x < w; x++) {
      const i = y * stride + x * c;
      if (c === 4) out[i + 3] = src[i + 3];
      for (let k = 0; k < colours; k++) {
        const v = src[i + k];
        let r: number;
        if (edgeRow || x === 0 || x === w - 1) {
          r = v;
        } else {
          const up = i - stride + k;
          const dn = i + stride + k;
          const sum =
            src[up - c] +
            src[up] +
            src[up + c] +
            src[i - c + k] +
            5 * v +
            src[i + c + k] +
            src[dn - c] +
            src[dn] +
            src[dn + c];
          r = factor * v + g * sum;
        }
        out[i + k] = r < 0 ? 0 : Math.min(r, 1);
      }
    }
  }
  return { ...img, data: out };
}
