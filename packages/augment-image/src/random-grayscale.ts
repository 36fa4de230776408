import { type ParamSpecs, resolveOptions, type Transform } from '@manyviews/augment-core';
import { grayKeepChannels } from './gray.js';
import { defineImageTransform } from './image-transform.js';
import type { RawImage } from './raw-image.js';

/** Options of {@link randomGrayscale}. */
export interface RandomGrayscaleOptions {
  /** Probability of turning the image gray, in [0, 1]; default 0.1 (torchvision's). */
  p?: number;
}

/** What {@link randomGrayscale} records. */
export interface RandomGrayscaleParams {
  gray: boolean;
}

/** Option specs of {@link randomGrayscale}. */
export const randomGrayscaleSpecs: ParamSpecs = {
  p: { kind: 'number', min: 0, max: 1, default: 0.1, doc: 'probability of going gray' },
};

/**
 * With probability `p`, replaces R, G and B by the pixel's luma, keeping the channel count and
 * alpha (torchvision's `RandomGrayscale`, part of the SimCLR chain). Gray images pass through.
 *
 * @param options see {@link RandomGrayscaleOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` for `p` outside [0, 1]
 */
export function randomGrayscale(
  options?: RandomGrayscaleOptions,
): Transform<RawImage, RandomGrayscaleParams> {
  const o = resolveOptions('randomGrayscale', randomGrayscaleSpecs, options);
  const p = o.p as number;
  return defineImageTransform<RandomGrayscaleParams>({
    name: 'randomGrayscale',
    options: o,
    sample: (_img, rng) => ({ gray: rng.bool(p) }),
    apply: (img, params) => (params.gray ? grayKeepChannels(img) : img),
  });
}
