import {
  defineTransform,
  type ParamSpecs,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import type { AudioClip } from '../clip.js';
import { scaleClip } from './gain.js';

/** Options of {@link polarityInversion}: none. */
export type PolarityInversionOptions = Record<string, never>;

/** What {@link polarityInversion} draws: nothing (the flip always happens). */
export type PolarityInversionParams = Record<string, never>;

/** The options of {@link polarityInversion} as a recipe gives them: none. */
export const POLARITY_INVERSION_PARAMS: ParamSpecs = {};

/**
 * Multiplies every sample by -1. Inaudible on its own, but it changes the waveform a model sees,
 * so an encoder working on raw samples learns not to depend on the sign. Always flips: wrap it in
 * `randomApply(p, ...)` for a random flip.
 *
 * @throws {ManyViewsError} `RECIPE_UNKNOWN_PARAM` for any option
 */
export function polarityInversion(
  options: PolarityInversionOptions = {},
): Transform<AudioClip, PolarityInversionParams> {
  const o = resolveOptions('polarityInversion', POLARITY_INVERSION_PARAMS, options);
  return defineTransform({
    name: 'polarityInversion',
    options: o,
    sample: () => ({}),
    apply: (clip: AudioClip) => scaleClip(clip, -1, 'polarityInversion'),
  });
}
