import {
  defineTransform,
  type ParamSpecs,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { type AudioClip, mapChannels } from '../clip.js';
import { uniformIn } from './sampling.js';

/** Options of {@link clipping}. */
export interface ClippingOptions {
  /** Range of the percentage of samples to clip, drawn uniformly; within [0, 99]; default [0, 20]. */
  percentile?: readonly [number, number];
}

/** What one application of {@link clipping} drew. */
export interface ClippingParams {
  percentile: number;
}

/** The options of {@link clipping} as a recipe gives them. */
export const CLIPPING_PARAMS: ParamSpecs = {
  percentile: {
    kind: 'range',
    min: 0,
    max: 99,
    default: [0, 20],
    doc: 'percent of samples clipped',
  },
};

/**
 * Hard-clips the loudest `percentile` percent of samples: the threshold is the
 * `(100 - percentile)`th percentile of `|x|` over all channels, and every sample is limited to
 * `[-threshold, threshold]`, which adds the odd harmonics of an overdriven amplifier or a
 * saturated recorder. Setting the threshold by percentile rather than by level makes the amount
 * of distortion independent of the clip's loudness (as audiomentations' ClippingDistortion does).
 *
 * @param options `percentile` range (default [0, 20])
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` or `RECIPE_UNKNOWN_PARAM` for bad options
 */
export function clipping(options: ClippingOptions = {}): Transform<AudioClip, ClippingParams> {
  const o = resolveOptions('clipping', CLIPPING_PARAMS, options);
  const range = o.percentile as [number, number];
  return defineTransform({
    name: 'clipping',
    options: o,
    sample: (_clip: AudioClip, rng) => ({ percentile: uniformIn(rng, range) }),
    apply: (clip, p) => {
      const threshold = absQuantile(clip, 1 - p.percentile / 100);
      return mapChannels(clip, 'clipping', (channel) => {
        const out = new Float32Array(channel.length);
        for (let i = 0; i < channel.length; i++)
          out[i] = Math.max(-threshold, Math.min(threshold, channel[i]));
        return out;
      });
    },
  });
}

/** The `q` quantile (0..1) of `|x|` over all channels, by sorting (nearest rank below). */
function absQuantile(clip: AudioClip, q: number): number {
  const total = clip.channels.reduce((n, c) => n + c.length, 0);
  if (total === 0) return 0;
  const values = new Float32Array(total);
  let at = 0;
  for (const channel of clip.channels) {
    for (let i = 0; i < channel.length; i++) values[at++] = Math.abs(channel[i]);
  }
  values.sort();
  return values[Math.min(total - 1, Math.max(0, Math.floor(q * (total - 1))))];
}
