import {
  badRecord,
  type ParamSpecs,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { type LossyFormat, recompress } from './codec.js';
import { defineImageTransform } from './image-transform.js';
import type { RawImage } from './raw-image.js';

/** Options of {@link jpegCompression} and {@link webpCompression}. */
export interface CompressionOptions {
  /** Quality, an integer uniform in `[lo, hi]` within [1, 100]; default [30, 95]. */
  quality?: readonly [number, number];
}

/** What a compression step records: the quality drawn. */
export interface CompressionParams {
  quality: number;
}

/** Option specs of {@link jpegCompression} and {@link webpCompression}. */
export const compressionSpecs: ParamSpecs = {
  quality: {
    kind: 'range',
    integer: true,
    min: 1,
    max: 100,
    default: [30, 95],
    doc: 'integer quality range',
  },
};

/**
 * Re-compresses as JPEG at a quality drawn uniformly (an integer in `quality`) and decodes back,
 * with sharp: albumentations' `ImageCompression`. Synchronous like every other transform (see
 * `recompress` for how: sharp runs on a helper thread and the caller waits), about 2 to 4 ms at
 * 224x224, so put it after the crop.
 *
 * @param options see {@link CompressionOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` naming the field (a quality that is not two
 *   integers, such as `[30.5, 90]`, too); when applied, `CODEC_FAILED`
 *   or `CODEC_TIMEOUT`
 * @example
 * jpegCompression({ quality: [20, 60] }).run(img, rng).record.params; // { quality: 41 }
 */
export function jpegCompression(
  options?: CompressionOptions,
): Transform<RawImage, CompressionParams> {
  return compression('jpegCompression', 'jpeg', options);
}

/**
 * Re-compresses as lossy WebP at a quality drawn uniformly from `quality`; see
 * {@link jpegCompression}.
 *
 * @param options see {@link CompressionOptions}
 * @throws {ManyViewsError} as {@link jpegCompression}
 */
export function webpCompression(
  options?: CompressionOptions,
): Transform<RawImage, CompressionParams> {
  return compression('webpCompression', 'webp', options);
}

function compression(
  name: string,
  format: LossyFormat,
  options: CompressionOptions | undefined,
): Transform<RawImage, CompressionParams> {
  const o = resolveOptions(name, compressionSpecs, options);
  const [qLo, qHi] = o.quality as [number, number];
  return defineImageTransform<CompressionParams>({
    name,
    options: o,
    sample: (_img, rng) => ({ quality: rng.int(qLo, qHi) }),
    apply(img, params) {
      const q = params?.quality;
      if (!Number.isInteger(q) || q < 1 || q > 100) {
        throw badRecord(name, 'an integer quality in [1, 100]', params);
      }
      return recompress(img, format, q).image;
    },
  });
}
