import {
  defineTransform,
  type ParamSpecs,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { type AudioClip, mapChannels, meanSquare } from '../clip.js';
import { fftConvolve } from '../dsp/fft.js';
import { syntheticRir } from '../dsp/synthetic-rir.js';
import { drawSeed, uniformIn } from './sampling.js';

/** Options of {@link reverb}. */
export interface ReverbOptions {
  /** Range of the reverberation time in seconds, drawn uniformly; within [0.05, 5]; default [0.2, 0.8]. */
  rt60?: readonly [number, number];
  /** Range of the direct-to-reverberant ratio in dB, drawn uniformly; within [-20, 30]; default [0, 12]. */
  drrDb?: readonly [number, number];
}

/** What one application of {@link reverb} drew; `seed` regenerates the same impulse response. */
export interface ReverbParams {
  rt60: number;
  drrDb: number;
  seed: number;
}

/** The options of {@link reverb} as a recipe gives them. */
export const REVERB_PARAMS: ParamSpecs = {
  rt60: {
    kind: 'range',
    min: 0.05,
    max: 5,
    default: [0.2, 0.8],
    doc: 'reverberation time in seconds',
  },
  drrDb: {
    kind: 'range',
    min: -20,
    max: 30,
    default: [0, 12],
    doc: 'direct-to-reverberant ratio in dB',
  },
};

/**
 * Puts the sound in a room: convolves each channel (by FFT) with a synthetic room impulse
 * response of a drawn RT60 and direct-to-reverberant ratio, made by {@link syntheticRir}
 * (exponentially decaying Gaussian noise after Polack, seeded per application). The result keeps
 * the clip's length (the tail past the end is dropped) and its RMS level, so reverberation does
 * not also act as a gain change.
 *
 * @param options `rt60` range (default [0.2, 0.8] s), `drrDb` range (default [0, 12])
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` or `RECIPE_UNKNOWN_PARAM` for bad options
 */
export function reverb(options: ReverbOptions = {}): Transform<AudioClip, ReverbParams> {
  const o = resolveOptions('reverb', REVERB_PARAMS, options);
  const rt60 = o.rt60 as [number, number];
  const drr = o.drrDb as [number, number];
  return defineTransform({
    name: 'reverb',
    options: o,
    sample: (_clip: AudioClip, rng) => ({
      rt60: uniformIn(rng, rt60),
      drrDb: uniformIn(rng, drr),
      seed: drawSeed(rng),
    }),
    apply: (clip, p) => {
      const rir = syntheticRir({
        sampleRate: clip.sampleRate,
        rt60: p.rt60,
        drrDb: p.drrDb,
        seed: p.seed,
      });
      const wet = mapChannels(clip, 'reverb', (channel) =>
        fftConvolve(channel, rir, channel.length),
      );
      const before = meanSquare(clip);
      const after = meanSquare(wet);
      if (!(after > 0)) return wet;
      const scale = Math.sqrt(before / after);
      for (const channel of wet.channels) {
        for (let i = 0; i < channel.length; i++) channel[i] *= scale;
      }
      return wet;
    },
  });
}
