import {
  badRecord,
  type ParamSpecs,
  Rng,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { defineImageTransform } from './image-transform.js';
import type { RawImage } from './raw-image.js';

/** Options of {@link gaussianNoise}. */
export interface GaussianNoiseOptions {
  /** Noise standard deviation, uniform in `[lo, hi]`, in [0, 1] units; default [0.01, 0.05]. */
  std?: readonly [number, number];
  /** Noise mean; default 0. */
  mean?: number;
  /** One draw per pixel shared by its colour channels (albumentations' `per_channel=False`). */
  shared?: boolean;
}

/**
 * What {@link gaussianNoise} records: the std drawn and the 32-bit seed of the noise field, so a
 * replay regenerates exactly the same noise without storing it.
 */
export interface GaussianNoiseParams {
  std: number;
  seed: number;
}

/** Option specs of {@link gaussianNoise}. */
export const gaussianNoiseSpecs: ParamSpecs = {
  std: { kind: 'range', min: 0, max: 1, default: [0.01, 0.05], doc: 'noise std, [0, 1] units' },
  mean: { kind: 'number', min: -1, max: 1, default: 0, doc: 'noise mean' },
  shared: { kind: 'boolean', default: false, doc: 'one draw per pixel for all channels' },
};

/**
 * Adds Gaussian noise to the colour channels and clamps to [0, 1] (albumentations' `GaussNoise`,
 * with std in image units rather than 8-bit levels). Alpha is kept.
 *
 * @param options see {@link GaussianNoiseOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` naming the field
 * @example
 * gaussianNoise({ std: [0.02, 0.1] }).run(img, rng).record.params; // { std: 0.047, seed: 3120… }
 */
export function gaussianNoise(
  options?: GaussianNoiseOptions,
): Transform<RawImage, GaussianNoiseParams> {
  const o = resolveOptions('gaussianNoise', gaussianNoiseSpecs, options);
  const [lo, hi] = o.std as [number, number];
  const mean = o.mean as number;
  const shared = o.shared as boolean;
  return defineImageTransform<GaussianNoiseParams>({
    name: 'gaussianNoise',
    options: o,
    sample: (_img, rng) => ({ std: rng.uniform(lo, hi), seed: rng.nextUint32() }),
    apply(img, params) {
      if (!Number.isFinite(params?.std) || !Number.isInteger(params?.seed)) {
        throw badRecord('gaussianNoise', '{std, seed}', params);
      }
      return addNoise(img, mean, params.std, params.seed, shared);
    },
  });
}

/** Adds `N(mean, std)` noise drawn from `new Rng(seed)`; returns a new image. */
export function addNoise(
  img: RawImage,
  mean: number,
  std: number,
  seed: number,
  shared: boolean,
): RawImage {
  const rng = new Rng(seed);
  const src = img.data;
  const out = new Float32Array(src.length);
  const c = img.channels;
  const colours = c === 4 ? 3 : c;
  for (let i = 0; i < src.length; i += c) {
    const z = shared ? rng.normal(mean, std) : 0;
    for (let k = 0; k < colours; k++) {
      const v = src[i + k] + (shared ? z : rng.normal(mean, std));
      out[i + k] = v < 0 ? 0 : Math.min(v, 1);
    }
    if (c === 4) out[i + 3] = src[i + 3];
  }
  return { ...img, data: out };
}
