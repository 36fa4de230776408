import {
  badRecord,
  type ParamSpecs,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { applyAugmentOp, type OpRecord, randAugmentSpace } from './augment-ops.js';
import { defineImageTransform } from './image-transform.js';
import { badOption } from './option-error.js';
import type { RawImage } from './raw-image.js';

/** Options of {@link randAugment}; defaults are torchvision's `RandAugment`. */
export interface RandAugmentOptions {
  /** Ops applied in sequence, each drawn uniformly with replacement; default 2. */
  numOps?: number;
  /** The magnitude bin, in `[0, bins - 1]`; default 9. */
  magnitude?: number;
  /** Number of magnitude bins; default 31. */
  bins?: number;
  /** Value of pixels from outside the source, in [0, 1]; default 0. */
  fill?: number;
}

/** What {@link randAugment} and {@link trivialAugment} record: the ops in the order applied. */
export interface AutoAugmentParams {
  ops: OpRecord[];
}

/** Option specs of {@link randAugment}. */
export const randAugmentSpecs: ParamSpecs = {
  numOps: { kind: 'integer', min: 0, max: 16, default: 2, doc: 'ops per image' },
  magnitude: { kind: 'integer', min: 0, max: 99, default: 9, doc: 'magnitude bin' },
  bins: { kind: 'integer', min: 2, max: 100, default: 31, doc: 'number of magnitude bins' },
  fill: { kind: 'number', min: 0, max: 1, default: 0, doc: 'value outside the source' },
};

/**
 * RandAugment (Cubuk et al. 2020) with torchvision's operation space and draws: `numOps` times,
 * an op uniformly from the 14 of `randAugmentSpace`, at the fixed `magnitude` bin, negated with
 * probability 1/2 for signed ops. The record holds each op's signed value, so a replay does not
 * depend on the image size the shifts were scaled to.
 *
 * @param options see {@link RandAugmentOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` naming the field (`magnitude` >= `bins`)
 * @example
 * randAugment({ numOps: 2, magnitude: 9 }).run(img, rng).record.params.ops;
 * // [{ op: 'Rotate', bin: 9, value: -9 }, { op: 'Posterize', bin: 9, value: 7 }]
 */
export function randAugment(options?: RandAugmentOptions): Transform<RawImage, AutoAugmentParams> {
  const o = resolveOptions('randAugment', randAugmentSpecs, options);
  const numOps = o.numOps as number;
  const magnitude = o.magnitude as number;
  const bins = o.bins as number;
  const fill = o.fill as number;
  if (magnitude >= bins) {
    throw badOption(
      'randAugment.magnitude',
      `an integer in [0, ${bins - 1}] (bins - 1)`,
      magnitude,
    );
  }
  return defineImageTransform<AutoAugmentParams>({
    name: 'randAugment',
    options: o,
    sample(img, rng) {
      const space = randAugmentSpace(bins, img.width, img.height);
      const ops: OpRecord[] = [];
      for (let i = 0; i < numOps; i++) {
        const meta = space[rng.int(0, space.length - 1)];
        let value = meta.magnitudes.length ? meta.magnitudes[magnitude] : 0;
        if (meta.signed && rng.bool(0.5)) value = -value;
        ops.push({ op: meta.op, bin: magnitude, value });
      }
      return { ops };
    },
    apply: (img, params) => applyOps(img, params, fill, 'randAugment'),
  });
}

/** Applies recorded ops in order; shared with {@link trivialAugment}. */
export function applyOps(
  img: RawImage,
  params: AutoAugmentParams,
  fill: number,
  where: string,
): RawImage {
  if (!Array.isArray(params?.ops)) throw badRecord(where, '{ops: [...]}', params);
  let x = img;
  for (const op of params.ops) x = applyAugmentOp(x, op, fill, where);
  return x;
}
