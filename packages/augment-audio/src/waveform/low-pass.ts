import { type ParamSpecs, resolveOptions, type Transform } from '@manyviews/augment-core';
import type { AudioClip } from '../clip.js';
import { biquadTransform } from './biquad-transform.js';
import { logUniformIn } from './sampling.js';

/** Options of {@link lowPass}. */
export interface LowPassOptions {
  /** Range of the -3 dB cutoff in Hz, drawn log-uniformly; within [20, 48000]; default [1500, 7000]. */
  cutoffHz?: readonly [number, number];
  /** Range of Q, drawn log-uniformly; within [0.1, 20]; default [0.7071, 0.7071] (Butterworth). */
  q?: readonly [number, number];
}

/** What one application of {@link lowPass} drew. */
export interface LowPassParams {
  cutoffHz: number;
  q: number;
}

/** The options of {@link lowPass} as a recipe gives them. */
export const LOW_PASS_PARAMS: ParamSpecs = {
  cutoffHz: {
    kind: 'range',
    min: 20,
    max: 48000,
    default: [1500, 7000],
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
 * A second-order low-pass (RBJ Audio EQ Cookbook biquad, 12 dB per octave) at a drawn cutoff:
 * muffles the sound the way a cheap microphone, a telephone or a wall does. Cutoffs above 0.45 of
 * the sample rate are lowered to it.
 *
 * @param options `cutoffHz` range (default [1500, 7000]), `q` range (default Butterworth)
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` or `RECIPE_UNKNOWN_PARAM` for bad options
 */
export function lowPass(options: LowPassOptions = {}): Transform<AudioClip, LowPassParams> {
  const o = resolveOptions('lowPass', LOW_PASS_PARAMS, options);
  const cutoff = o.cutoffHz as [number, number];
  const q = o.q as [number, number];
  return biquadTransform(
    'lowPass',
    'lowpass',
    o,
    (_clip, rng) => ({ cutoffHz: logUniformIn(rng, cutoff), q: logUniformIn(rng, q) }),
    (p) => p.cutoffHz,
  );
}
