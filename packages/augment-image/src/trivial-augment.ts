import { type ParamSpecs, resolveOptions, type Transform } from '@manyviews/augment-core';
import { trivialAugmentSpace } from './augment-ops.js';
import { defineImageTransform } from './image-transform.js';
import { type AutoAugmentParams, applyOps } from './rand-augment.js';
import type { RawImage } from './raw-image.js';

/** Options of {@link trivialAugment}; defaults are torchvision's `TrivialAugmentWide`. */
export interface TrivialAugmentOptions {
  /** Number of magnitude bins; default 31. */
  bins?: number;
  /** Value of pixels from outside the source, in [0, 1]; default 0. */
  fill?: number;
}

/** Option specs of {@link trivialAugment}. */
export const trivialAugmentSpecs: ParamSpecs = {
  bins: { kind: 'integer', min: 2, max: 100, default: 31, doc: 'number of magnitude bins' },
  fill: { kind: 'number', min: 0, max: 1, default: 0, doc: 'value outside the source' },
};

/**
 * TrivialAugment (Müller and Hutter 2021), torchvision's `TrivialAugmentWide`: one op drawn
 * uniformly from the 14 of `trivialAugmentSpace`, at a magnitude bin drawn uniformly, negated
 * with probability 1/2 for signed ops. Records as {@link randAugment}.
 *
 * @param options see {@link TrivialAugmentOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` naming the field
 * @example
 * trivialAugment().run(img, rng).record.params.ops; // [{ op: 'ShearY', bin: 17, value: -0.56 }]
 */
export function trivialAugment(
  options?: TrivialAugmentOptions,
): Transform<RawImage, AutoAugmentParams> {
  const o = resolveOptions('trivialAugment', trivialAugmentSpecs, options);
  const bins = o.bins as number;
  const fill = o.fill as number;
  const space = trivialAugmentSpace(bins);
  return defineImageTransform<AutoAugmentParams>({
    name: 'trivialAugment',
    options: o,
    sample(_img, rng) {
      const meta = space[rng.int(0, space.length - 1)];
      const bin = meta.magnitudes.length ? rng.int(0, bins - 1) : 0;
      let value = meta.magnitudes.length ? meta.magnitudes[bin] : 0;
      if (meta.signed && rng.bool(0.5)) value = -value;
      return { ops: [{ op: meta.op, bin, value }] };
    },
    apply: (img, params) => applyOps(img, params, fill, 'trivialAugment'),
  });
}
