import { type ParamSpecs, resolveOptions, type Transform } from '@manyviews/augment-core';
import { type RandomOpParams, randomOp } from './random-op.js';
import type { RawImage } from './raw-image.js';

/** Options of {@link invert}. */
export interface InvertOptions {
  /** Probability of inverting; default 0.5 (torchvision's `RandomInvert`). */
  p?: number;
}

/** Option specs of {@link invert}. */
export const invertSpecs: ParamSpecs = {
  p: { kind: 'number', min: 0, max: 1, default: 0.5, doc: 'probability of inverting' },
};

/**
 * With probability `p`, maps every colour value `x` to `1 - x` (torchvision's `RandomInvert`).
 * Alpha is kept.
 *
 * @param options see {@link InvertOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` for `p` outside [0, 1]
 */
export function invert(options?: InvertOptions): Transform<RawImage, RandomOpParams<null>> {
  const o = resolveOptions('invert', invertSpecs, options);
  return randomOp('invert', o, o.p as number, () => null, invertImage);
}

/** `1 - x` on the colour channels; returns a new image. */
export function invertImage(img: RawImage): RawImage {
  const src = img.data;
  const out = new Float32Array(src.length);
  if (img.channels !== 4) {
    for (let i = 0; i < src.length; i++) out[i] = 1 - src[i];
  } else {
    for (let i = 0; i < src.length; i += 4) {
      out[i] = 1 - src[i];
      out[i + 1] = 1 - src[i + 1];
      out[i + 2] = 1 - src[i + 2];
      out[i + 3] = src[i + 3];
    }
  }
  return { ...img, data: out };
}
