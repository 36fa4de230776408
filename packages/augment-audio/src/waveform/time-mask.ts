import {
  defineTransform,
  type ParamSpecs,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { type AudioClip, mapChannels } from '../clip.js';
import { uniformIn } from './sampling.js';

/** Options of {@link timeMask}. */
export interface TimeMaskOptions {
  /** Number of masks, an integer in [0, 20]; default 1. */
  count?: number;
  /** Range of each mask's length in seconds, drawn uniformly; within [0, 10]; default [0, 0.1]. */
  duration?: readonly [number, number];
}

/** What one application of {@link timeMask} drew: `[start, length]` in samples for each mask. */
export interface TimeMaskParams {
  masks: Array<[number, number]>;
}

/** The options of {@link timeMask} as a recipe gives them. */
export const TIME_MASK_PARAMS: ParamSpecs = {
  count: { kind: 'integer', min: 0, max: 20, default: 1, doc: 'number of masks' },
  duration: {
    kind: 'range',
    min: 0,
    max: 10,
    default: [0, 0.1],
    doc: 'length of each mask in seconds',
  },
};

/**
 * Silences `count` random stretches of the waveform: the time masking of SpecAugment (Park et al.,
 * 2019) applied to samples instead of frames, so a model cannot rely on any one moment. Masks may
 * overlap; a mask longer than the clip covers all of it.
 *
 * @param options `count` (1), `duration` range (default [0, 0.1] s)
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` or `RECIPE_UNKNOWN_PARAM` for bad options
 */
export function timeMask(options: TimeMaskOptions = {}): Transform<AudioClip, TimeMaskParams> {
  const o = resolveOptions('timeMask', TIME_MASK_PARAMS, options);
  const count = o.count as number;
  const range = o.duration as [number, number];
  return defineTransform({
    name: 'timeMask',
    options: o,
    sample: (clip: AudioClip, rng) => {
      const n = clip.channels[0].length;
      const masks: Array<[number, number]> = [];
      for (let m = 0; m < count; m++) {
        const length = Math.min(n, Math.round(uniformIn(rng, range) * clip.sampleRate));
        masks.push([rng.int(0, n - length), length]);
      }
      return { masks };
    },
    apply: (clip, p) =>
      mapChannels(clip, 'timeMask', (channel) => {
        const out = channel.slice();
        for (const [start, length] of p.masks) out.fill(0, start, start + length);
        return out;
      }),
  });
}
