import { type ParamSpecs, resolveOptions, type Transform } from '@manyviews/augment-core';
import type { AudioClip } from '../clip.js';
import { biquadTransform } from './biquad-transform.js';
import { logUniformIn } from './sampling.js';

/** Options of {@link bandPass}. */
export interface BandPassOptions {
  /** Range of the centre frequency in Hz, drawn log-uniformly; within [20, 48000]; default [300, 3000]. */
  centerHz?: readonly [number, number];
  /** Range of Q (centre / bandwidth), drawn log-uniformly; within [0.1, 20]; default [0.5, 2]. */
  q?: readonly [number, number];
}

/** What one application of {@link bandPass} drew. */
export interface BandPassParams {
  centerHz: number;
  q: number;
}

/** The options of {@link bandPass} as a recipe gives them. */
export const BAND_PASS_PARAMS: ParamSpecs = {
  centerHz: {
    kind: 'range',
    min: 20,
    max: 48000,
    default: [300, 3000],
    doc: 'centre in Hz, log-uniform',
  },
  q: { kind: 'range', min: 0.1, max: 20, default: [0.5, 2], doc: 'quality factor, log-uniform' },
};

/**
 * A second-order band-pass (RBJ Audio EQ Cookbook, constant 0 dB peak gain) at a drawn centre and
 * Q: keeps one band, as a telephone channel or a resonant enclosure does. Centres above 0.45 of
 * the sample rate are lowered to it.
 *
 * @param options `centerHz` range (default [300, 3000]), `q` range (default [0.5, 2])
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` or `RECIPE_UNKNOWN_PARAM` for bad options
 */
export function bandPass(options: BandPassOptions = {}): Transform<AudioClip, BandPassParams> {
  const o = resolveOptions('bandPass', BAND_PASS_PARAMS, options);
  const center = o.centerHz as [number, number];
  const q = o.q as [number, number];
  return biquadTransform(
    'bandPass',
    'bandpass',
    o,
    (_clip, rng) => ({ centerHz: logUniformIn(rng, center), q: logUniformIn(rng, q) }),
    (p) => p.centerHz,
  );
}
