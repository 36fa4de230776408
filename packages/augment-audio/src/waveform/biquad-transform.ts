import { defineTransform, type Rng, type Transform } from '@manyviews/augment-core';
import { type AudioClip, mapChannels } from '../clip.js';
import { type BiquadType, biquadCoefficients, biquadFilter } from '../dsp/biquad.js';

/** The highest frequency a filter is set to, as a fraction of the sample rate (below Nyquist). */
const MAX_FREQUENCY_FRACTION = 0.45;

/**
 * Builds a filter transform: draws a frequency and a Q with `sample`, then runs one RBJ biquad
 * over each channel. A drawn frequency above 0.45 of the clip's sample rate is lowered to it, so
 * one recipe works at any rate (at 8 kHz a 6 kHz low-pass becomes 3.6 kHz).
 *
 * @param name the transform's name in recipes and records
 * @param type the biquad's response
 * @param options the validated options, stored on the transform
 * @param sample draws the parameters of one application (a frequency and `q`)
 * @param frequencyOf reads the drawn frequency (cutoff or centre) from the parameters
 */
export function biquadTransform<P extends { q: number }>(
  name: string,
  type: BiquadType,
  options: Record<string, unknown>,
  sample: (clip: AudioClip, rng: Rng) => P,
  frequencyOf: (params: P) => number,
): Transform<AudioClip, P> {
  return defineTransform({
    name,
    options,
    sample,
    apply: (clip, p) => {
      const frequency = Math.min(frequencyOf(p), MAX_FREQUENCY_FRACTION * clip.sampleRate);
      const c = biquadCoefficients(type, frequency, p.q, clip.sampleRate);
      return mapChannels(clip, name, (channel) => biquadFilter(channel, c));
    },
  });
}
