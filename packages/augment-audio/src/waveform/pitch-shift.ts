import {
  defineTransform,
  type ParamSpecs,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { type AudioClip, mapChannels } from '../clip.js';
import { phaseVocoderPitchShift } from '../dsp/phase-vocoder.js';
import { uniformIn } from './sampling.js';

/** Options of {@link pitchShift}. */
export interface PitchShiftOptions {
  /** Range of the shift in semitones, drawn uniformly; within [-24, 24]; default [-3, 3]. */
  semitones?: readonly [number, number];
}

/** What one application of {@link pitchShift} drew. */
export interface PitchShiftParams {
  semitones: number;
}

/** The options of {@link pitchShift} as a recipe gives them. */
export const PITCH_SHIFT_PARAMS: ParamSpecs = {
  semitones: { kind: 'range', min: -24, max: 24, default: [-3, 3], doc: 'shift in semitones' },
};

/**
 * Shifts the pitch and keeps the duration and length: a phase-vocoder stretch by
 * `2^(semitones / 12)` followed by windowed-sinc resampling back to the original length (see
 * {@link phaseVocoderPitchShift}). Formants move with the pitch, so large upward shifts sound
 * like a smaller speaker ("chipmunk"); the vocoder's phasiness and smeared onsets apply.
 *
 * @param options `semitones` range (default [-3, 3])
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` or `RECIPE_UNKNOWN_PARAM` for bad options
 */
export function pitchShift(
  options: PitchShiftOptions = {},
): Transform<AudioClip, PitchShiftParams> {
  const o = resolveOptions('pitchShift', PITCH_SHIFT_PARAMS, options);
  const range = o.semitones as [number, number];
  return defineTransform({
    name: 'pitchShift',
    options: o,
    sample: (_clip: AudioClip, rng) => ({ semitones: uniformIn(rng, range) }),
    apply: (clip, p) =>
      mapChannels(clip, 'pitchShift', (channel) =>
        phaseVocoderPitchShift(channel, p.semitones, clip.sampleRate),
      ),
  });
}
