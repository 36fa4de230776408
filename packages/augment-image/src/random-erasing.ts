import {
  badRecord,
  type ParamSpecs,
  Rng,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { defineImageTransform } from './image-transform.js';
import type { RawImage } from './raw-image.js';

/** Options of {@link randomErasing}; defaults are torchvision's `RandomErasing`. */
export interface RandomErasingOptions {
  /** Probability of erasing; default 0.5. */
  p?: number;
  /** Area of the box as a fraction of the image's; default [0.02, 0.33]. */
  scale?: readonly [number, number];
  /** Aspect ratio `h / w` of the box, drawn log-uniformly; default [0.3, 3.3]. */
  ratio?: readonly [number, number];
  /** Value written into the box, in [0, 1]; default 0 (cutout's black box). */
  value?: number;
  /** Fill with standard normal noise instead of `value` (Zhong et al.'s random values). */
  random?: boolean;
}

/**
 * What {@link randomErasing} records: the box erased (absent when nothing was), and for `random`
 * the seed of its noise.
 */
export interface RandomErasingParams {
  erased: boolean;
  x?: number;
  y?: number;
  w?: number;
  h?: number;
  seed?: number;
}

/** Option specs of {@link randomErasing}. */
export const randomErasingSpecs: ParamSpecs = {
  p: { kind: 'number', min: 0, max: 1, default: 0.5, doc: 'probability of erasing' },
  scale: { kind: 'range', min: 0, max: 1, default: [0.02, 0.33], doc: 'area fraction of the box' },
  ratio: {
    kind: 'range',
    min: 0.01,
    max: 100,
    default: [0.3, 3.3],
    doc: 'aspect h/w, log-uniform',
  },
  value: { kind: 'number', min: 0, max: 1, default: 0, doc: 'value written into the box' },
  random: { kind: 'boolean', default: false, doc: 'fill with N(0, 1) noise instead' },
};

/**
 * Random erasing (Zhong et al. 2020) with torchvision's `RandomErasing.get_params`: with
 * probability `p`, up to 10 tries for a box whose area fraction is uniform in `scale` and whose
 * aspect `h / w` is log-uniform in `ratio`, placed uniformly; if none fits, nothing is erased.
 * Every channel is written, alpha too, as torchvision does on tensors. With `random`, values are
 * standard normal (not clamped), as torchvision's `value='random'`.
 *
 * @param options see {@link RandomErasingOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` naming the field
 * @example
 * randomErasing({ p: 1, scale: [0.1, 0.2] }).run(img, rng).record.params;
 * // { erased: true, x: 3, y: 10, w: 9, h: 5 }
 */
export function randomErasing(
  options?: RandomErasingOptions,
): Transform<RawImage, RandomErasingParams> {
  const o = resolveOptions('randomErasing', randomErasingSpecs, options);
  const p = o.p as number;
  const [sLo, sHi] = o.scale as [number, number];
  const [rLo, rHi] = o.ratio as [number, number];
  const value = o.value as number;
  const random = o.random as boolean;
  return defineImageTransform<RandomErasingParams>({
    name: 'randomErasing',
    options: o,
    sample(img, rng) {
      if (!rng.bool(p)) return { erased: false };
      const area = img.width * img.height;
      for (let attempt = 0; attempt < 10; attempt++) {
        const target = area * rng.uniform(sLo, sHi);
        const aspect = Math.exp(rng.uniform(Math.log(rLo), Math.log(rHi)));
        const h = Math.round(Math.sqrt(target * aspect));
        const w = Math.round(Math.sqrt(target / aspect));
        if (!(h < img.height && w < img.width) || h < 1 || w < 1) continue;
        const box = { erased: true, x: rng.int(0, img.width - w), y: rng.int(0, img.height - h) };
        return random ? { ...box, w, h, seed: rng.nextUint32() } : { ...box, w, h };
      }
      return { erased: false };
    },
    apply(img, params) {
      if (typeof params?.erased !== 'boolean') throw badRecord('randomErasing', '{erased}', params);
      if (!params.erased) return img;
      const { x = -1, y = -1, w = 0, h = 0 } = params;
      const inside =
        [x, y, w, h].every(Number.isInteger) &&
        x >= 0 &&
        y >= 0 &&
        w >= 1 &&
        h >= 1 &&
        x + w <= img.width &&
        y + h <= img.height;
      if (!inside) throw badRecord('randomErasing', 'a box {x, y, w, h} inside the image', params);
      if (random && !Number.isInteger(params.seed)) {
        throw badRecord('randomErasing', 'a noise seed', params);
      }
      return eraseBox(img, x, y, w, h, random ? new Rng(params.seed) : value);
    },
  });
}

/** Writes `fill` (a value, or normal draws from an Rng) into the box; returns a new image. */
function eraseBox(
  img: RawImage,
  x: number,
  y: number,
  w: number,
  h: number,
  fill: number | Rng,
): RawImage {
  const out = new Float32Array(img.data);
  const c = img.channels;
  for (let r = y; r < y + h; r++) {
    const from = (r * img.width + x) * c;
    const to = from + w * c;
    if (typeof fill === 'number') out.fill(fill, from, to);
    else for (let i = from; i < to; i++) out[i] = fill.normal();
  }
  return { ...img, data: out };
}
