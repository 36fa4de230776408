import { type ParamSpecs, resolveOptions, type Transform } from '@manyviews/augment-core';
import type { AudioClip } from '../clip.js';
import { biquadTransform } from './biquad-transform.js';
import { logUniformIn } from './sampling.js';

/** Options of {@link highPass}. */
export interface HighPassOptions {
  /** Range of the -3 dB cutoff in Hz, drawn log-uniformly; within [20, 48000]; default [40, 600]. */
  cutoffHz?: readonly [number, number];
  /** Range of Q, drawn log-uniformly; within [0.1, 20]; default [0.7071, 0.7071] (Butterworth). */
  q?: readonly [number, number];
}

/** What one application of {@link highPass} drew. */
export interface HighPassParams {
  cutoffHz: number;
  q: number;
}

/** The options of {@link highPass} as a recipe gives them. */
export const HIGH_PASS_PARAMS: ParamSpecs = {
  cutoffHz: {
    kind: 'range',
    min: 20,
    max: 48000,
    default: [40, 600],
    doc: 'cutoff in Hz, log-uniform',
  },
  q: {
    kind: 'range',
    min: 0.1,
    max: 20,
    default: [Math.SQRT1_2, Math.SQRT1_2],
    doc: 'quality factor',
  },
};

/**
 * A second-order high-pass (RBJ Audio EQ Cookbook biquad, 12 dB per octave) at a drawn cutoff:
 * thins the sound the way a small loudspeaker or a telephone line does, and removes rumble.
 * Cutoffs above 0.45 of the sample rate are lowered to it.
 *
 * @param options `cutoffHz` range (default [40, 600]), `q` range (default Butterworth)
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` or `RECIPE_UNKNOWN_PARAM` for bad options
 */
export function highPass(options: HighPassOptions = {}): Transform<AudioClip, HighPassParams> {
  const o = resolveOptions('highPass', HIGH_PASS_PARAMS, options);
  const cutoff = o.cutoffHz as [number, number];
  const q = o.q as [number, number];
  return biquadTransform(
    'highPass',
    'highpass',
    o,
    (_clip, rng) => ({ cutoffHz: logUniformIn(rng, cutoff), q: logUniformIn(rng, q) }),
    (p) => p.cutoffHz,
  );
}
