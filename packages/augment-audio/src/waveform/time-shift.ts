import {
  defineTransform,
  type ParamSpecs,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { type AudioClip, mapChannels } from '../clip.js';
import { uniformIn } from './sampling.js';

/** Options of {@link timeShift}. */
export interface TimeShiftOptions {
  /** Range of the shift in seconds (positive: later), drawn uniformly; within [-10, 10]; default [-0.1, 0.1]. */
  seconds?: readonly [number, number];
  /** `roll` wraps what leaves one end round to the other (default); `pad` fills with silence. */
  mode?: 'roll' | 'pad';
}

/** What one application of {@link timeShift} drew: the shift in samples. */
export interface TimeShiftParams {
  samples: number;
}

/** The options of {@link timeShift} as a recipe gives them. */
export const TIME_SHIFT_PARAMS: ParamSpecs = {
  seconds: {
    kind: 'range',
    min: -10,
    max: 10,
    default: [-0.1, 0.1],
    doc: 'shift in seconds, positive is later',
  },
  mode: {
    kind: 'enum',
    values: ['roll', 'pad'],
    default: 'roll',
    doc: 'wrap round or pad with silence',
  },
};

/**
 * Moves the sound in time, keeping the length: `out[i + shift] = in[i]`.
 *
 * @param options `seconds` range (default [-0.1, 0.1]), `mode` (`roll` default, or `pad`)
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` or `RECIPE_UNKNOWN_PARAM` for bad options
 */
export function timeShift(options: TimeShiftOptions = {}): Transform<AudioClip, TimeShiftParams> {
  const o = resolveOptions('timeShift', TIME_SHIFT_PARAMS, options);
  const range = o.seconds as [number, number];
  const mode = o.mode as 'roll' | 'pad';
  return defineTransform({
    name: 'timeShift',
    options: o,
    sample: (clip: AudioClip, rng) => ({
      samples: Math.round(uniformIn(rng, range) * clip.sampleRate),
    }),
    apply: (clip, p) =>
      mapChannels(clip, 'timeShift', (channel) => {
        const n = channel.length;
        const out = new Float32Array(n);
        if (n === 0) return out;
        if (mode === 'roll') {
          const k = ((p.samples % n) + n) % n;
          out.set(channel.subarray(0, n - k), k);
          out.set(channel.subarray(n - k), 0);
        } else if (Math.abs(p.samples) < n) {
          if (p.samples >= 0) out.set(channel.subarray(0, n - p.samples), p.samples);
          else out.set(channel.subarray(-p.samples), 0);
        }
        return out;
      }),
  });
}
