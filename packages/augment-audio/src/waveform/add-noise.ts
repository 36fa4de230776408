import {
  defineTransform,
  type ParamSpecs,
  Rng,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { type AudioClip, mapChannels, meanSquare } from '../clip.js';
import { coloredNoise, NOISE_COLORS, type NoiseColor } from '../dsp/colored-noise.js';
import { drawSeed, uniformIn } from './sampling.js';

/** Options of {@link addNoise}. */
export interface AddNoiseOptions {
  /** Spectrum of the noise, or `any` (default) to draw one of white, pink, brown with equal odds. */
  color?: NoiseColor | 'any';
  /** Range of the signal-to-noise ratio in dB, drawn uniformly; within [-30, 100]; default [10, 30]. */
  snrDb?: readonly [number, number];
}

/** What one application of {@link addNoise} drew; `seed` regenerates the same noise. */
export interface AddNoiseParams {
  color: NoiseColor;
  snrDb: number;
  seed: number;
}

/** The options of {@link addNoise} as a recipe gives them. */
export const ADD_NOISE_PARAMS: ParamSpecs = {
  color: { kind: 'enum', values: [...NOISE_COLORS, 'any'], default: 'any', doc: 'noise spectrum' },
  snrDb: {
    kind: 'range',
    min: -30,
    max: 100,
    default: [10, 30],
    doc: 'signal-to-noise ratio in dB',
  },
};

/**
 * Adds Gaussian noise (white, pink or brown, see {@link coloredNoise}) at a drawn signal-to-noise
 * ratio: the noise is scaled so that `10 log10(P_signal / P_noise) = snrDb`, with powers averaged
 * over the whole clip and all channels. Each channel gets its own noise. A silent clip has no
 * level to measure a ratio against and is returned unchanged.
 *
 * @param options `color` (`any`), `snrDb` range (default [10, 30])
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` or `RECIPE_UNKNOWN_PARAM` for bad options
 */
export function addNoise(options: AddNoiseOptions = {}): Transform<AudioClip, AddNoiseParams> {
  const o = resolveOptions('addNoise', ADD_NOISE_PARAMS, options);
  const color = o.color as NoiseColor | 'any';
  const range = o.snrDb as [number, number];
  return defineTransform({
    name: 'addNoise',
    options: o,
    sample: (_clip: AudioClip, rng) => ({
      color: color === 'any' ? rng.pick(NOISE_COLORS) : color,
      snrDb: uniformIn(rng, range),
      seed: drawSeed(rng),
    }),
    apply: (clip, p) => {
      const power = meanSquare(clip);
      const scale = Math.sqrt(power / 10 ** (p.snrDb / 10));
      const rng = new Rng(p.seed);
      return mapChannels(clip, 'addNoise', (channel, c) => {
        const out = channel.slice();
        if (scale === 0) return out;
        const noise = coloredNoise(channel.length, p.color, rng.fork(c));
        for (let i = 0; i < out.length; i++) out[i] += scale * noise[i];
        return out;
      });
    },
  });
}
