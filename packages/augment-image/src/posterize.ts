import { type ParamSpecs, resolveOptions, type Transform } from '@manyviews/augment-core';
import { type RandomOpParams, randomOp } from './random-op.js';
import type { RawImage } from './raw-image.js';

/** Options of {@link posterize}. */
export interface PosterizeOptions {
  /** Bits kept per channel, an integer in [1, 8]; default 4. */
  bits?: number;
  /** Probability of posterizing; default 0.5 (torchvision's `RandomPosterize`). */
  p?: number;
}

/** Option specs of {@link posterize}. */
export const posterizeSpecs: ParamSpecs = {
  bits: { kind: 'integer', min: 1, max: 8, default: 4, doc: 'bits kept per channel' },
  p: { kind: 'number', min: 0, max: 1, default: 0.5, doc: 'probability of posterizing' },
};

/**
 * With probability `p`, keeps `bits` bits of each colour value (torchvision's `RandomPosterize`).
 * Alpha is kept.
 *
 * @param options see {@link PosterizeOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` naming the field
 */
export function posterize(options?: PosterizeOptions): Transform<RawImage, RandomOpParams<null>> {
  const o = resolveOptions('posterize', posterizeSpecs, options);
  const bits = o.bits as number;
  return randomOp(
    'posterize',
    o,
    o.p as number,
    () => null,
    (img) => posterizeImage(img, bits),
  );
}

/**
 * Quantises the colour channels to `2^bits` levels as torchvision's v2 `posterize` does on float
 * images: `floor(x 2^bits)`, clamped to `2^bits - 1`, divided by `2^bits`. At 8 bits this is the
 * 8-bit value of the pixel, so posterizing a decoded 8-bit image by 8 bits keeps it.
 *
 * @param bits an integer in [1, 8]
 * @returns a new image
 */
export function posterizeImage(img: RawImage, bits: number): RawImage {
  const levels = 1 << bits;
  const top = levels - 1;
  const inv = 1 / levels;
  const lut = new Float32Array(levels);
  for (let q = 0; q < levels; q++) lut[q] = q * inv;
  const src = img.data;
  const out = new Float32Array(src);
  const c = img.channels;
  const colours = c === 4 ? 3 : c;
  for (let i = 0; i < src.length; i += c) {
    for (let k = 0; k < colours; k++) {
      const q = Math.floor(src[i + k] * levels);
      out[i + k] = lut[q < 0 ? 0 : Math.min(q, top)];
    }
  }
  return { ...img, data: out };
}
