import { type ParamSpecs, resolveOptions, type Transform } from '@manyviews/augment-core';
import { defineImageTransform } from './image-transform.js';
import { allocPixels } from './pixel-arena.js';
import type { RawImage } from './raw-image.js';

/** Options of {@link verticalFlip}. */
export interface VerticalFlipOptions {
  /** Probability of flipping, in [0, 1]; default 0.5. */
  p?: number;
}

/** What {@link verticalFlip} records. */
export interface VerticalFlipParams {
  flipped: boolean;
}

/** Option specs of {@link verticalFlip}. */
export const verticalFlipSpecs: ParamSpecs = {
  p: { kind: 'number', min: 0, max: 1, default: 0.5, doc: 'probability of flipping' },
};

/**
 * Mirrors the image top to bottom with probability `p` (torchvision's `RandomVerticalFlip`).
 * When it does not flip, the output is the input object itself.
 *
 * @param options see {@link VerticalFlipOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` for `p` outside [0, 1]
 */
export function verticalFlip(
  options?: VerticalFlipOptions,
): Transform<RawImage, VerticalFlipParams> {
  const o = resolveOptions('verticalFlip', verticalFlipSpecs, options);
  const p = o.p as number;
  return defineImageTransform<VerticalFlipParams>({
    name: 'verticalFlip',
    options: o,
    sample: (_img, rng) => ({ flipped: rng.bool(p) }),
    apply: (img, params) => (params.flipped ? flipVertical(img) : img),
  });
}

/** Mirrors `img` top to bottom, a row copy at a time; returns a new image. */
export function flipVertical(img: RawImage): RawImage {
  const stride = img.width * img.channels;
  const out = allocPixels(img.data.length);
  for (let y = 0; y < img.height; y++) {
    const from = (img.height - 1 - y) * stride;
    out.set(img.data.subarray(from, from + stride), y * stride);
  }
  return { ...img, data: out };
}
