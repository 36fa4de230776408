import {
  defineTransform,
  type ParamSpecs,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { assertLogMel, type LogMel } from '../features/log-mel.js';
import { checkMasks, drawMasks, fillValue, type MaskFill } from './masking.js';

/** Options of {@link frequencyMasking}. */
export interface FrequencyMaskingOptions {
  /** Number of masks (SpecAugment's `m_F`), an integer in [0, 20]; default 2. */
  count?: number;
  /** Widest mask in bins (`F`), an integer in [0, 1000]; default 8 (of 64 mel bands). */
  maxWidth?: number;
  /** Value of masked cells; default `mean`. */
  fill?: MaskFill;
}

/** What one application of {@link frequencyMasking} drew: `[firstBin, width]` per mask. */
export interface FrequencyMaskingParams {
  masks: Array<[number, number]>;
}

/** The options of {@link frequencyMasking} as a recipe gives them. */
export const FREQUENCY_MASKING_PARAMS: ParamSpecs = {
  count: { kind: 'integer', min: 0, max: 20, default: 2, doc: 'number of masks (m_F)' },
  maxWidth: { kind: 'integer', min: 0, max: 1000, default: 8, doc: 'widest mask in bins (F)' },
  fill: { kind: 'enum', values: ['mean', 'zero'], default: 'mean', doc: 'value of masked cells' },
};

/**
 * SpecAugment frequency masking (Park et al., 2019): `count` bands of consecutive bins, each of a
 * width drawn uniformly in `[0, F]`, are set to the spectrogram's mean or to zero in every frame.
 * The paper's LibriSpeech policies use F = 27 of 80 bands; 8 of 64 is milder, for short words.
 *
 * @param options `count` (2), `maxWidth` (8), `fill` (`mean`)
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` or `RECIPE_UNKNOWN_PARAM` for bad options;
 *   `AUDIO_INVALID_SPECTROGRAM` for a malformed input
 */
export function frequencyMasking(
  options: FrequencyMaskingOptions = {},
): Transform<LogMel, FrequencyMaskingParams> {
  const o = resolveOptions('frequencyMasking', FREQUENCY_MASKING_PARAMS, options);
  return defineTransform({
    name: 'frequencyMasking',
    options: o,
    sample: (spec: LogMel, rng) => {
      assertLogMel(spec, 'frequencyMasking');
      return { masks: drawMasks(rng, spec.bins, o.count as number, o.maxWidth as number, 1) };
    },
    apply: (spec, p) => {
      assertLogMel(spec, 'frequencyMasking');
      checkMasks('frequencyMasking', p.masks, spec.bins);
      const value = fillValue(spec, o.fill as MaskFill);
      const data = spec.data.slice();
      for (let t = 0; t < spec.frames; t++) {
        const row = t * spec.bins;
        for (const [start, width] of p.masks) data.fill(value, row + start, row + start + width);
      }
      return { frames: spec.frames, bins: spec.bins, data };
    },
  });
}
