import {
  defineTransform,
  type ParamSpecs,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { type AudioClip, mapChannels } from '../clip.js';
import { fitLength, phaseVocoderStretch } from '../dsp/phase-vocoder.js';
import { logUniformIn } from './sampling.js';

/** Options of {@link timeStretch}. */
export interface TimeStretchOptions {
  /** Range of the tempo factor (2 = twice as fast), drawn log-uniformly; within [0.25, 4]; default [0.8, 1.25]. */
  rate?: readonly [number, number];
}

/** What one application of {@link timeStretch} drew. */
export interface TimeStretchParams {
  rate: number;
}

/** The options of {@link timeStretch} as a recipe gives them. */
export const TIME_STRETCH_PARAMS: ParamSpecs = {
  rate: {
    kind: 'range',
    min: 0.25,
    max: 4,
    default: [0.8, 1.25],
    doc: 'tempo factor, drawn log-uniformly',
  },
};

/**
 * Changes the tempo without changing the pitch, and keeps the clip's length: the phase vocoder
 * with identity phase locking of {@link phaseVocoderStretch} (about 32 ms Hann frames, 75%
 * overlap), then the result is cut at the end (rate < 1) or padded with silence at the end
 * (rate > 1). Expect the vocoder's artefacts: slight phasiness and smeared onsets, growing with
 * `|log rate|`.
 *
 * @param options `rate` range (default [0.8, 1.25])
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` or `RECIPE_UNKNOWN_PARAM` for bad options
 */
export function timeStretch(
  options: TimeStretchOptions = {},
): Transform<AudioClip, TimeStretchParams> {
  const o = resolveOptions('timeStretch', TIME_STRETCH_PARAMS, options);
  const range = o.rate as [number, number];
  return defineTransform({
    name: 'timeStretch',
    options: o,
    sample: (_clip: AudioClip, rng) => ({ rate: logUniformIn(rng, range) }),
    apply: (clip, p) =>
      mapChannels(clip, 'timeStretch', (channel) =>
        fitLength(phaseVocoderStretch(channel, p.rate, clip.sampleRate), channel.length),
      ),
  });
}
