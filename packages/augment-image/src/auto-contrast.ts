import { type ParamSpecs, resolveOptions, type Transform } from '@manyviews/augment-core';
import { type RandomOpParams, randomOp } from './random-op.js';
import type { RawImage } from './raw-image.js';

/** Options of {@link autoContrast}. */
export interface AutoContrastOptions {
  /** Probability of stretching; default 0.5 (torchvision's `RandomAutocontrast`). */
  p?: number;
}

/** Option specs of {@link autoContrast}. */
export const autoContrastSpecs: ParamSpecs = {
  p: { kind: 'number', min: 0, max: 1, default: 0.5, doc: 'probability of stretching' },
};

/**
 * With probability `p`, stretches each colour channel so its minimum maps to 0 and its maximum
 * to 1 (torchvision's `RandomAutocontrast`); a flat channel is left as it is. Alpha is kept.
 *
 * @param options see {@link AutoContrastOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` for `p` outside [0, 1]
 */
export function autoContrast(
  options?: AutoContrastOptions,
): Transform<RawImage, RandomOpParams<null>> {
  const o = resolveOptions('autoContrast', autoContrastSpecs, options);
  return randomOp('autoContrast', o, o.p as number, () => null, autoContrastImage);
}

/** Per colour channel `(x - min) / (max - min)`, flat channels unchanged; a new image. */
export function autoContrastImage(img: RawImage): RawImage {
  const src = img.data;
  const out = new Float32Array(src);
  const c = img.channels;
  const colours = c === 4 ? 3 : c;
  for (let k = 0; k < colours; k++) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let i = k; i < src.length; i += c) {
      const v = src[i];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (!(hi > lo)) continue;
    const scale = 1 / (hi - lo);
    for (let i = k; i < src.length; i += c) {
      const v = (src[i] - lo) * scale;
      out[i] = v < 0 ? 0 : Math.min(v, 1);
    }
  }
  return { ...img, data: out };
}
