import {
  defineTransform,
  type ParamSpecs,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { type AudioClip, mapChannels } from '../clip.js';
import { uniformIn } from './sampling.js';

/** Options of {@link gain}. */
export interface GainOptions {
  /** Range of the gain in dB, drawn uniformly; within [-60, 60]; default [-6, 6]. */
  db?: readonly [number, number];
}

/** What one application of {@link gain} drew. */
export interface GainParams {
  db: number;
}

/** The options of {@link gain} as a recipe gives them. */
export const GAIN_PARAMS: ParamSpecs = {
  db: { kind: 'range', min: -60, max: 60, default: [-6, 6], doc: 'gain in dB, drawn uniformly' },
};

/**
 * Scales the clip by `10^(db / 20)`: +6.02 dB doubles the amplitude. Samples are not clipped (the
 * clip is float), so a later encode to integer PCM may saturate.
 *
 * @param options `db` range, default [-6, 6]
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` or `RECIPE_UNKNOWN_PARAM` for bad options
 * @example
 * const louder = gain({ db: [6, 6] }).run(clip, new Rng(0)).output;
 */
export function gain(options: GainOptions = {}): Transform<AudioClip, GainParams> {
  const o = resolveOptions('gain', GAIN_PARAMS, options);
  const range = o.db as [number, number];
  return defineTransform({
    name: 'gain',
    options: o,
    sample: (_clip: AudioClip, rng) => ({ db: uniformIn(rng, range) }),
    apply: (clip, p) => scaleClip(clip, 10 ** (p.db / 20), 'gain'),
  });
}

/** Every sample of `clip` times `factor`, as a new clip. */
export function scaleClip(clip: AudioClip, factor: number, where: string): AudioClip {
  return mapChannels(clip, where, (channel) => {
    const out = new Float32Array(channel.length);
    for (let i = 0; i < channel.length; i++) out[i] = channel[i] * factor;
    return out;
  });
}
