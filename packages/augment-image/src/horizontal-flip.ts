import { type ParamSpecs, resolveOptions, type Transform } from '@manyviews/augment-core';
import { defineImageTransform } from './image-transform.js';
import { allocPixels } from './pixel-arena.js';
import type { RawImage } from './raw-image.js';
import { mirrorWasm } from './resample-wasm.js';

/** Options of {@link horizontalFlip}. */
export interface HorizontalFlipOptions {
  /** Probability of flipping, in [0, 1]; default 0.5. */
  p?: number;
}

/** What {@link horizontalFlip} records. */
export interface HorizontalFlipParams {
  flipped: boolean;
}

/** Option specs of {@link horizontalFlip}. */
export const horizontalFlipSpecs: ParamSpecs = {
  p: { kind: 'number', min: 0, max: 1, default: 0.5, doc: 'probability of flipping' },
};

/**
 * Mirrors the image left to right with probability `p`. When it does not flip, the output is the
 * input object itself (images are never modified in place).
 *
 * @param options see {@link HorizontalFlipOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` for `p` outside [0, 1]
 * @example
 * horizontalFlip({ p: 0.5 }).run(img, rng).record.params; // { flipped: true }
 */
export function horizontalFlip(
  options?: HorizontalFlipOptions,
): Transform<RawImage, HorizontalFlipParams> {
  const o = resolveOptions('horizontalFlip', horizontalFlipSpecs, options);
  const p = o.p as number;
  return defineImageTransform<HorizontalFlipParams>({
    name: 'horizontalFlip',
    options: o,
    sample: (_img, rng) => ({ flipped: rng.bool(p) }),
    apply: (img, params) => (params.flipped ? flipHorizontal(img) : img),
  });
}

/**
 * Mirrors `img` left to right; returns a new image. Copies in WebAssembly SIMD where the engine
 * has it (`resample-wasm.ts`), else in JavaScript ({@link flipHorizontalReference}); both copy
 * every value bit for bit.
 */
export function flipHorizontal(img: RawImage): RawImage {
  const out = allocPixels(img.data.length);
  if (!mirrorWasm(img.data, out, img.width, img.height, img.channels)) mirrorJs(img, out);
  return { width: img.width, height: img.height, channels: img.channels, data: out };
}

/** {@link flipHorizontal} in JavaScript only: the reference its SIMD path is tested against. */
export function flipHorizontalReference(img: RawImage): RawImage {
  const out = allocPixels(img.data.length);
  mirrorJs(img, out);
  return { width: img.width, height: img.height, channels: img.channels, data: out };
}

function mirrorJs(img: RawImage, out: Float32Array): void {
  const { width, height, channels: c } = img;
  const src = img.data;
  const stride = width * c;
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    if (c === 1) {
      for (let x = 0, j = row + width - 1; x < width; x++, j--) out[row + x] = src[j];
      continue;
    }
    if (c === 3) {
      for (let o = row, j = row + stride - 3; o < row + stride; o += 3, j -= 3) {
        out[o] = src[j];
        out[o + 1] = src[j + 1];
        out[o + 2] = src[j + 2];
      }
      continue;
    }
    for (let x = 0; x < width; x++) {
      const o = row + x * c;
      const s = row + (width - 1 - x) * c;
      for (let k = 0; k < c; k++) out[o + k] = src[s + k];
    }
  }
}
