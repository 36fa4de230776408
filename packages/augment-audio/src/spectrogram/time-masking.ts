import {
  defineTransform,
  type ParamSpecs,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { assertLogMel, type LogMel } from '../features/log-mel.js';
import { checkMasks, drawMasks, fillValue, type MaskFill } from './masking.js';

/** Options of {@link timeMasking}. */
export interface TimeMaskingOptions {
  /** Number of masks (SpecAugment's `m_T`), an integer in [0, 20]; default 2. */
  count?: number;
  /** Widest mask in frames (`T`), an integer in [0, 10000]; default 20 (0.2 s at a 10 ms hop). */
  maxWidth?: number;
  /** Widest mask as a fraction of the frames (`p`), in [0, 1]; default 0.2. */
  maxFraction?: number;
  /** Value of masked cells; default `mean`. */
  fill?: MaskFill;
}

/** What one application of {@link timeMasking} drew: `[firstFrame, width]` per mask. */
export interface TimeMaskingParams {
  masks: Array<[number, number]>;
}

/** The options of {@link timeMasking} as a recipe gives them. */
export const TIME_MASKING_PARAMS: ParamSpecs = {
  count: { kind: 'integer', min: 0, max: 20, default: 2, doc: 'number of masks (m_T)' },
  maxWidth: { kind: 'integer', min: 0, max: 10000, default: 20, doc: 'widest mask in frames (T)' },
  maxFraction: {
    kind: 'number',
    min: 0,
    max: 1,
    default: 0.2,
    doc: 'widest mask as a fraction of frames (p)',
  },
  fill: { kind: 'enum', values: ['mean', 'zero'], default: 'mean', doc: 'value of masked cells' },
};

/**
 * SpecAugment time masking (Park et al., "SpecAugment", Interspeech 2019): `count` blocks of
 * consecutive frames, each of a width drawn uniformly in `[0, min(T, p * frames)]`, are set to the
 * spectrogram's mean (which is what the paper's zero means there, on normalised features) or to
 * zero. Masks may overlap.
 *
 * @param options `count` (2), `maxWidth` (20), `maxFraction` (0.2), `fill` (`mean`)
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` or `RECIPE_UNKNOWN_PARAM` for bad options;
 *   `AUDIO_INVALID_SPECTROGRAM` for a malformed input
 */
export function timeMasking(
  options: TimeMaskingOptions = {},
): Transform<LogMel, TimeMaskingParams> {
  const o = resolveOptions('timeMasking', TIME_MASKING_PARAMS, options);
  return defineTransform({
    name: 'timeMasking',
    options: o,
    sample: (spec: LogMel, rng) => {
      assertLogMel(spec, 'timeMasking');
      return {
        masks: drawMasks(
          rng,
          spec.frames,
          o.count as number,
          o.maxWidth as number,
          o.maxFraction as number,
        ),
      };
    },
    apply: (spec, p) => {
      assertLogMel(spec, 'timeMasking');
      checkMasks('timeMasking', p.masks, spec.frames);
      const value = fillValue(spec, o.fill as MaskFill);
      const data = spec.data.slice();
      for (const [start, width] of p.masks)
        data.fill(value, start * spec.bins, (start + width) * spec.bins);
      return { frames: spec.frames, bins: spec.bins, data };
    },
  });
}
