import {
  ManyViewsError,
  type ParamSpecs,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { defineImageTransform } from './image-transform.js';
import { badOption } from './option-error.js';
import { allocPixels } from './pixel-arena.js';
import type { RawImage } from './raw-image.js';

/** Options of {@link normalize}: one value for every channel, or one per channel. */
export interface NormalizeOptions {
  /** Subtracted first; default [0.5]. */
  mean?: readonly number[];
  /** Divided by next, each > 0; default [0.5]. */
  std?: readonly number[];
}

/** Option specs of {@link normalize}. */
export const normalizeSpecs: ParamSpecs = {
  mean: { kind: 'numbers', minLength: 1, maxLength: 4, default: [0.5], doc: 'per channel' },
  std: {
    kind: 'numbers',
    minLength: 1,
    maxLength: 4,
    min: 1e-6,
    default: [0.5],
    doc: 'per channel, > 0',
  },
};

/**
 * Maps each channel `k` to `(x - mean[k]) / std[k]`: a deterministic step (it draws nothing and
 * records `null`) whose output may leave [0, 1]. Put it last in a pipeline.
 *
 * @param options see {@link NormalizeOptions}; lists of length 1 apply to every channel
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` naming the field (also for a list of 2, or
 *   lists of 3 and 4, which fit no image); when applied,
 *   `IMAGE_CHANNELS_MISMATCH` if a list is longer than 1 and not the image's channel count
 * @example
 * normalize({ mean: [0.286], std: [0.353] }).apply(img, null);
 */
export function normalize(options?: NormalizeOptions): Transform<RawImage, null> {
  const o = resolveOptions('normalize', normalizeSpecs, options);
  const mean = o.mean as number[];
  const std = o.std as number[];
  // An image has 1, 3 or 4 channels, so a list of 2, or of 3 beside one of 4, fits none: refuse
  // when the recipe is built rather than on the first image.
  for (const [field, list] of [
    ['mean', mean],
    ['std', std],
  ] as const) {
    if (list.length === 2) {
      throw badOption(`normalize.${field}`, '1 value, or 3 or 4 (one per channel)', list);
    }
  }
  if (mean.length > 1 && std.length > 1 && mean.length !== std.length) {
    throw badOption('normalize.std', `1 value or ${mean.length}, as many as mean`, std);
  }
  return defineImageTransform<null>({
    name: 'normalize',
    options: o,
    sample: () => null,
    apply: (img) => normalizeImage(img, mean, std),
  });
}

/**
 * `(x - mean[k]) / std[k]` per channel; see {@link normalize}. Returns a new image.
 *
 * @throws {ManyViewsError} `IMAGE_CHANNELS_MISMATCH`
 */
export function normalizeImage(
  img: RawImage,
  mean: readonly number[],
  std: readonly number[],
): RawImage {
  const c = img.channels;
  const scale = new Float32Array(c);
  const shift = new Float32Array(c);
  for (let k = 0; k < c; k++) {
    const m = pick(mean, k, c, 'mean');
    const s = pick(std, k, c, 'std');
    scale[k] = 1 / s;
    shift[k] = -m / s;
  }

  const src = img.data;
  const out = allocPixels(src.length);
  if (c === 1) {
    const a = scale[0];
    const b = shift[0];
    for (let i = 0; i < src.length; i++) out[i] = src[i] * a + b;
  } else {
    for (let i = 0; i < src.length; i += c) {
      for (let k = 0; k < c; k++) out[i + k] = src[i + k] * scale[k] + shift[k];
    }
  }
  return { ...img, data: out };
}

function pick(list: readonly number[], k: number, c: number, name: string): number {
  if (list.length === 1) return list[0];
  if (list.length !== c) {
    throw new ManyViewsError(
      'IMAGE_CHANNELS_MISMATCH',
      `normalize.${name} does not fit the image`,
      {
        expected: `1 or ${c} values`,
        received: list,
      },
    );
  }
  return list[k];
}
