import {
  createRegistry,
  ManyViewsError,
  type ParamSpecs,
  type Registry,
  type Transform,
} from '@manyviews/augment-core';
import type { AudioClip } from '../clip.js';
import { ADD_NOISE_PARAMS, addNoise } from './add-noise.js';
import { BAND_PASS_PARAMS, bandPass } from './band-pass.js';
import { CLIPPING_PARAMS, clipping } from './clipping.js';
import { CROP_OR_PAD_PARAMS, cropOrPad } from './crop-or-pad.js';
import { GAIN_PARAMS, gain } from './gain.js';
import { HIGH_PASS_PARAMS, highPass } from './high-pass.js';
import { LOW_PASS_PARAMS, lowPass } from './low-pass.js';
import { MIX_BACKGROUND_PARAMS, mixBackground } from './mix-background.js';
import { PITCH_SHIFT_PARAMS, pitchShift } from './pitch-shift.js';
import { POLARITY_INVERSION_PARAMS, polarityInversion } from './polarity-inversion.js';
import { REVERB_PARAMS, reverb } from './reverb.js';
import { SPEED_CHANGE_PARAMS, speedChange } from './speed-change.js';
import { TIME_MASK_PARAMS, timeMask } from './time-mask.js';
import { TIME_SHIFT_PARAMS, timeShift } from './time-shift.js';
import { TIME_STRETCH_PARAMS, timeStretch } from './time-stretch.js';

/** What a waveform registry may need beyond JSON: the clips `mixBackground` draws from. */
export interface AudioRegistryContext {
  /**
   * Named sets of background clips; a recipe's `mixBackground` step picks one with `set`
   * (default: the first name).
   */
  backgrounds?: Readonly<Record<string, readonly AudioClip[]>>;
}

type Create = (options: Record<string, unknown>) => Transform<AudioClip>;

const SIMPLE: Array<[string, string, ParamSpecs, Create]> = [
  ['gain', 'scales by a drawn gain in dB', GAIN_PARAMS, (o) => gain(o)],
  [
    'polarityInversion',
    'multiplies every sample by -1',
    POLARITY_INVERSION_PARAMS,
    (o) => polarityInversion(o as Record<string, never>),
  ],
  ['timeShift', 'moves the sound in time (roll or pad)', TIME_SHIFT_PARAMS, (o) => timeShift(o)],
  ['cropOrPad', 'cuts or pads to a fixed duration', CROP_OR_PAD_PARAMS, (o) => cropOrPad(o)],
  [
    'addNoise',
    'adds white, pink or brown noise at a drawn SNR',
    ADD_NOISE_PARAMS,
    (o) => addNoise(o),
  ],
  [
    'timeStretch',
    'changes tempo, keeps pitch and length (phase vocoder)',
    TIME_STRETCH_PARAMS,
    (o) => timeStretch(o),
  ],
  [
    'pitchShift',
    'changes pitch, keeps tempo and length (phase vocoder + resampling)',
    PITCH_SHIFT_PARAMS,
    (o) => pitchShift(o),
  ],
  [
    'speedChange',
    'changes tempo and pitch together (resampling)',
    SPEED_CHANGE_PARAMS,
    (o) => speedChange(o),
  ],
  ['lowPass', 'RBJ biquad low-pass at a drawn cutoff', LOW_PASS_PARAMS, (o) => lowPass(o)],
  ['highPass', 'RBJ biquad high-pass at a drawn cutoff', HIGH_PASS_PARAMS, (o) => highPass(o)],
  [
    'bandPass',
    'RBJ biquad band-pass at a drawn centre and Q',
    BAND_PASS_PARAMS,
    (o) => bandPass(o),
  ],
  ['reverb', 'convolves with a synthetic room impulse response', REVERB_PARAMS, (o) => reverb(o)],
  ['clipping', 'hard-clips the loudest samples', CLIPPING_PARAMS, (o) => clipping(o)],
  ['timeMask', 'silences random stretches', TIME_MASK_PARAMS, (o) => timeMask(o)],
];

/**
 * Makes a registry of the waveform transforms (domain `audio`), for {@link buildRecipe}.
 *
 * Every transform of this package is registered under its function's name. `mixBackground`
 * needs clips, which JSON cannot hold: pass them here as named sets, and a recipe step
 * `{ "type": "mixBackground", "set": "noise" }` picks one.
 *
 * @param context `backgrounds`: named lists of clips for `mixBackground`
 * @throws {ManyViewsError} `AUDIO_NO_BACKGROUNDS` when a named set is empty or silent
 * @example
 * const registry = createAudioRegistry({ backgrounds: { cafe: cafeClips } });
 * const { transform } = buildRecipe(recipeJson, registry);
 */
export function createAudioRegistry(context: AudioRegistryContext = {}): Registry<AudioClip> {
  const registry = createRegistry<AudioClip>('audio');
  for (const [name, description, params, create] of SIMPLE) {
    registry.register(name, { description, params, create });
  }

  const sets = new Map(Object.entries(context.backgrounds ?? {}));
  // Building once checks every set now, so a bad one fails when the registry is made rather
  // than when a recipe first uses it.
  for (const clips of sets.values()) mixBackground({ backgrounds: clips });
  const names = [...sets.keys()];
  registry.register('mixBackground', {
    description: 'mixes in an excerpt of a background clip at a drawn SNR',
    params: {
      ...MIX_BACKGROUND_PARAMS,
      set: {
        kind: 'enum',
        values: names.length > 0 ? names : ['default'],
        default: names[0] ?? 'default',
        doc: 'which named set of backgrounds (given to createAudioRegistry)',
      },
    },
    create: (options) => {
      const { set, ...rest } = options;
      const clips = sets.get(set as string);
      if (!clips) {
        throw new ManyViewsError(
          'AUDIO_NO_BACKGROUNDS',
          'mixBackground: no background clips were given',
          {
            expected: 'createAudioRegistry({ backgrounds: { name: clips } })',
            received: names,
          },
        );
      }
      return mixBackground({ backgrounds: clips, ...rest });
    },
  });
  return registry;
}

/**
 * The waveform transforms of this package (domain `audio`), without background clips: a recipe
 * that uses `mixBackground` needs {@link createAudioRegistry} with `backgrounds`.
 */
export const audioRegistry: Registry<AudioClip> = createAudioRegistry();
