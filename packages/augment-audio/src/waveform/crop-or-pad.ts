import {
  defineTransform,
  type ParamSpecs,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { type AudioClip, mapChannels } from '../clip.js';

/** Options of {@link cropOrPad}. */
export interface CropOrPadOptions {
  /** Length of the result in seconds, in [0.001, 3600]; default 1. */
  duration?: number;
  /**
   * Where the window sits: `random` (default) draws a crop start, or where a short clip goes in
   * the silence; `center` and `start` are fixed (for evaluation).
   */
  position?: 'random' | 'center' | 'start';
}

/**
 * What one application of {@link cropOrPad} drew: `out[i] = in[i + offset]` (zero outside the
 * input) for `i < length`. `offset >= 0` crops, `offset < 0` pads on the left.
 */
export interface CropOrPadParams {
  offset: number;
  length: number;
}

/** The options of {@link cropOrPad} as a recipe gives them. */
export const CROP_OR_PAD_PARAMS: ParamSpecs = {
  duration: {
    kind: 'number',
    min: 0.001,
    max: 3600,
    default: 1,
    doc: 'length of the result in seconds',
  },
  position: {
    kind: 'enum',
    values: ['random', 'center', 'start'],
    default: 'random',
    doc: 'random window, or fixed at the centre or start',
  },
};

/**
 * Cuts a window of `duration` seconds from a longer clip, or places a shorter clip in that much
 * silence: the usual first step of a recipe, so every view has the length a batch needs.
 *
 * @param options `duration` (1 s), `position` (`random`)
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` or `RECIPE_UNKNOWN_PARAM` for bad options
 */
export function cropOrPad(options: CropOrPadOptions = {}): Transform<AudioClip, CropOrPadParams> {
  const o = resolveOptions('cropOrPad', CROP_OR_PAD_PARAMS, options);
  const duration = o.duration as number;
  const position = o.position as 'random' | 'center' | 'start';
  return defineTransform({
    name: 'cropOrPad',
    options: o,
    sample: (clip: AudioClip, rng) => {
      const length = Math.max(1, Math.round(duration * clip.sampleRate));
      const slack = clip.channels[0].length - length;
      const span = Math.abs(slack);
      const shift =
        position === 'random' ? rng.int(0, span) : position === 'center' ? Math.floor(span / 2) : 0;
      return { offset: slack >= 0 ? shift : -shift, length };
    },
    apply: (clip, p) =>
      mapChannels(clip, 'cropOrPad', (channel) => {
        const out = new Float32Array(p.length);
        const from = Math.max(0, p.offset);
        const to = Math.min(channel.length, p.offset + p.length);
        if (to > from) out.set(channel.subarray(from, to), from - p.offset);
        return out;
      }),
  });
}
