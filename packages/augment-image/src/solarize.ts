import { type ParamSpecs, resolveOptions, type Transform } from '@manyviews/augment-core';
import { type RandomOpParams, randomOp } from './random-op.js';
import type { RawImage } from './raw-image.js';

/** Options of {@link solarize}. */
export interface SolarizeOptions {
  /** Values at or above it are inverted, in [0, 1]; default 0.5 (BYOL's). */
  threshold?: number;
  /** Probability of solarizing; default 0.5 (torchvision's `RandomSolarize`). */
  p?: number;
}

/** Option specs of {@link solarize}. */
export const solarizeSpecs: ParamSpecs = {
  threshold: { kind: 'number', min: 0, max: 1, default: 0.5, doc: 'invert values >= threshold' },
  p: { kind: 'number', min: 0, max: 1, default: 0.5, doc: 'probability of solarizing' },
};

/**
 * With probability `p`, replaces every colour value `x >= threshold` by `1 - x` (torchvision's
 * `RandomSolarize`; BYOL's second view uses threshold 0.5, p 0.2). Alpha is kept.
 *
 * @param options see {@link SolarizeOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` naming the field
 * @example
 * solarize({ threshold: 0.5, p: 0.2 }).run(img, rng).record.params; // { applied: false }
 */
export function solarize(options?: SolarizeOptions): Transform<RawImage, RandomOpParams<null>> {
  const o = resolveOptions('solarize', solarizeSpecs, options);
  const threshold = o.threshold as number;
  return randomOp(
    'solarize',
    o,
    o.p as number,
    () => null,
    (img) => solarizeImage(img, threshold),
  );
}

/** `x >= threshold ? 1 - x : x` on the colour channels; returns a new image. */
export function solarizeImage(img: RawImage, threshold: number): RawImage {
  const src = img.data;
  const out = new Float32Array(src);
  const c = img.channels;
  const colours = c === 4 ? 3 : c;
  for (let i = 0; i < src.length; i += c) {
    for (let k = 0; k < colours; k++) {
      const v = src[i + k];
      if (v >= threshold) out[i + k] = 1 - v;
    }
  }
  return { ...img, data: out };
}
