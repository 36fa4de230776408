import { describe, expect, it } from 'vitest';
import * as api from './index.js';

// The public entry point re-exports from many files; this pins the names the README documents so
// a dropped export fails here, not in a user's build.
const FUNCTIONS = [
  'decodeWav',
  'encodeWav',
  'resample',
  'trimSilence',
  'loadWavFolder',
  'gain',
  'polarityInversion',
  'timeShift',
  'cropOrPad',
  'addNoise',
  'mixBackground',
  'timeStretch',
  'pitchShift',
  'speedChange',
  'lowPass',
  'highPass',
  'bandPass',
  'reverb',
  'clipping',
  'timeMask',
  'createAudioRegistry',
  'stft',
  'istft',
  'powerSpectrogram',
  'melFilterbank',
  'logMel',
  'logMelExtractor',
  'mfcc',
  'dctBasis',
  'timeMasking',
  'frequencyMasking',
  'randomResizedCrop',
  'syntheticRir',
  'coloredNoise',
  'ensureEspeak',
  'loadEspeakWords',
  'splitVoicesByVariant',
];

describe('public API', () => {
  it('exports every documented function and both registries', () => {
    for (const name of FUNCTIONS)
      expect(typeof (api as Record<string, unknown>)[name], name).toBe('function');
    expect(api.audioRegistry.domain).toBe('audio');
    expect(api.spectrogramRegistry.domain).toBe('audio-spectrogram');
    expect(api.defaultSpeechRecipe.domain).toBe('audio');
    expect(api.ESPEAK_WORDS.length).toBeGreaterThanOrEqual(20);
  });
});
