import {
  defineTransform,
  type ParamSpecs,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { type AudioClip, mapChannels } from '../clip.js';
import { resample } from '../dsp/resample.js';
import { logUniformIn } from './sampling.js';

/** Options of {@link speedChange}. */
export interface SpeedChangeOptions {
  /** Range of the speed factor, drawn log-uniformly; within [0.25, 4]; default [0.9, 1.1]. */
  factor?: readonly [number, number];
}

/** What one application of {@link speedChange} drew. */
export interface SpeedChangeParams {
  factor: number;
}

/** The options of {@link speedChange} as a recipe gives them. */
export const SPEED_CHANGE_PARAMS: ParamSpecs = {
  factor: {
    kind: 'range',
    min: 0.25,
    max: 4,
    default: [0.9, 1.1],
    doc: 'speed factor, drawn log-uniformly',
  },
};

/**
 * Plays the clip faster or slower, like a tape: tempo and pitch change together by `factor`
 * (the speed perturbation of Ko et al., "Audio augmentation for speech recognition", 2015). Done
 * by windowed-sinc resampling from `rate * factor` to `rate`, so the length becomes
 * `round(length / factor)`; follow it with {@link cropOrPad} when a fixed length is needed.
 *
 * @param options `factor` range (default [0.9, 1.1])
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` or `RECIPE_UNKNOWN_PARAM` for bad options
 */
export function speedChange(
  options: SpeedChangeOptions = {},
): Transform<AudioClip, SpeedChangeParams> {
  const o = resolveOptions('speedChange', SPEED_CHANGE_PARAMS, options);
  const range = o.factor as [number, number];
  return defineTransform({
    name: 'speedChange',
    options: o,
    sample: (_clip: AudioClip, rng) => ({ factor: logUniformIn(rng, range) }),
    apply: (clip, p) =>
      mapChannels(clip, 'speedChange', (channel) =>
        resample(channel, clip.sampleRate * p.factor, clip.sampleRate),
      ),
  });
}
