import type { Recipe } from '@manyviews/augment-core';

/**
 * A waveform recipe for views of spoken words, 1 s long at 16 kHz (the shape of Speech Commands,
 * Warden 2018, and of the espeak-ng word set of this package). Build it with
 * `buildRecipe(defaultSpeechRecipe, audioRegistry)`; the input may be any length at 16 kHz.
 *
 * The steps and why:
 * - `speedChange` (p 0.5, x0.9-1.1): speakers differ in rate; the speed perturbation of Ko et al.
 *   (2015) is the one augmentation that helps speech models almost always. Before the crop,
 *   since it changes the length.
 * - `cropOrPad` to 1 s at a random position: fixes the length and shifts the word in time.
 * - `timeStretch` (p 0.2) and `pitchShift` (p 0.3, +-2 semitones): tempo and voice pitch apart,
 *   kept mild because the phase vocoder's artefacts grow with the factor.
 * - one of `lowPass` / `highPass` / `bandPass` (p 0.4): microphones and channels colour speech.
 * - `reverb` (p 0.3, RT60 0.1-0.6 s): small to medium rooms.
 * - `addNoise` (p 0.6, 5-30 dB SNR, any colour): the strongest signal that content, not
 *   recording conditions, defines the word.
 * - `clipping` (p 0.2, up to 10%) and `timeMask` (p 0.3, one gap of 20-100 ms).
 * - `gain` (+-6 dB) always, and `polarityInversion` with p 0.5.
 *
 * The anchor of a positive pair can be the clip itself through `cropOrPad` alone (a light view);
 * this recipe describes the heavy views.
 */
export const defaultSpeechRecipe: Recipe = Object.freeze({
  version: 1,
  domain: 'audio',
  name: 'speech-words-1s-16k',
  description:
    'Views of 1 s spoken words at 16 kHz: speed, crop, tempo, pitch, filter, room, noise, gain',
  views: 2,
  pipeline: [
    { type: 'randomApply', p: 0.5, transform: { type: 'speedChange', factor: [0.9, 1.1] } },
    { type: 'cropOrPad', duration: 1, position: 'random' },
    { type: 'randomApply', p: 0.2, transform: { type: 'timeStretch', rate: [0.85, 1.15] } },
    { type: 'randomApply', p: 0.3, transform: { type: 'pitchShift', semitones: [-2, 2] } },
    {
      type: 'randomApply',
      p: 0.4,
      transform: {
        type: 'oneOf',
        transforms: [
          { type: 'lowPass', cutoffHz: [2000, 7000] },
          { type: 'highPass', cutoffHz: [50, 500] },
          { type: 'bandPass', centerHz: [500, 2500], q: [0.5, 1] },
        ],
      },
    },
    {
      type: 'randomApply',
      p: 0.3,
      transform: { type: 'reverb', rt60: [0.1, 0.6], drrDb: [3, 15] },
    },
    { type: 'randomApply', p: 0.6, transform: { type: 'addNoise', color: 'any', snrDb: [5, 30] } },
    { type: 'randomApply', p: 0.2, transform: { type: 'clipping', percentile: [0, 10] } },
    {
      type: 'randomApply',
      p: 0.3,
      transform: { type: 'timeMask', count: 1, duration: [0.02, 0.1] },
    },
    { type: 'gain', db: [-6, 6] },
    { type: 'randomApply', p: 0.5, transform: { type: 'polarityInversion' } },
  ],
});
