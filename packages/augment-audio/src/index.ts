export type { AudioClip } from './clip.js';
export {
  assertClip,
  clipDuration,
  clipLength,
  mapChannels,
  meanSquare,
  mixToMono,
  monoClip,
  peakAmplitude,
} from './clip.js';
export { defaultSpeechRecipe } from './default-speech-recipe.js';
export type { BiquadCoefficients, BiquadType } from './dsp/biquad.js';
export { biquadCoefficients, biquadFilter, biquadGainDb } from './dsp/biquad.js';
export type { NoiseColor } from './dsp/colored-noise.js';
export { coloredNoise, NOISE_COLORS } from './dsp/colored-noise.js';
export { fftConvolve, nextPowerOfTwo, RealFft } from './dsp/fft.js';
export { phaseVocoderPitchShift, phaseVocoderStretch } from './dsp/phase-vocoder.js';
export { resample } from './dsp/resample.js';
export type { SyntheticRirOptions } from './dsp/synthetic-rir.js';
export { syntheticRir } from './dsp/synthetic-rir.js';
export type { CommandRunner, EnsureEspeakOptions, EspeakInfo, EspeakUtterance } from './espeak.js';
export {
  checkUtterance,
  ensureEspeak,
  execFileRunner,
  listEspeakVariants,
  renderUtterance,
} from './espeak.js';
export {
  ESPEAK_ACCENTS,
  ESPEAK_PITCHES,
  ESPEAK_SPEEDS,
  ESPEAK_VARIANTS,
  ESPEAK_VOICES,
  ESPEAK_WORDS,
  splitVoicesByVariant,
} from './espeak-voices.js';
export type { EspeakWordsDataset, EspeakWordsOptions, SpokenWord } from './espeak-words.js';
export { loadEspeakWords } from './espeak-words.js';
export type { LogMel, LogMelOptions } from './features/log-mel.js';
export { assertLogMel, logMel, logMelExtractor } from './features/log-mel.js';
export type { MelFilterbank, MelFilterbankOptions, MelScale } from './features/mel.js';
export { hzToMel, melFilterbank, melToHz } from './features/mel.js';
export type { MfccOptions } from './features/mfcc.js';
export { dctBasis, mfcc } from './features/mfcc.js';
export type { ComplexSpectrogram, Spectrogram, StftOptions } from './features/stft.js';
export { hannWindow, istft, powerSpectrogram, stft } from './features/stft.js';
export type { DecodeWavOptions } from './io/decode-wav.js';
export { decodeWav, WAV_SAMPLE_RATES } from './io/decode-wav.js';
export type { EncodeWavOptions, WavBitDepth } from './io/encode-wav.js';
export { encodeWav } from './io/encode-wav.js';
export type {
  FrequencyMaskingOptions,
  FrequencyMaskingParams,
} from './spectrogram/frequency-masking.js';
export { frequencyMasking } from './spectrogram/frequency-masking.js';
export type { MaskFill } from './spectrogram/masking.js';
export type {
  RandomResizedCropOptions,
  RandomResizedCropParams,
} from './spectrogram/random-resized-crop.js';
export { randomResizedCrop } from './spectrogram/random-resized-crop.js';
export { spectrogramRegistry } from './spectrogram/spectrogram-registry.js';
export type { TimeMaskingOptions, TimeMaskingParams } from './spectrogram/time-masking.js';
export { timeMasking } from './spectrogram/time-masking.js';
export type { TrimSilenceOptions } from './trim-silence.js';
export { trimSilence } from './trim-silence.js';
export type { WavFolder, WavFolderItem, WavFolderOptions } from './wav-folder.js';
export { loadWavFolder } from './wav-folder.js';
export type { AddNoiseOptions, AddNoiseParams } from './waveform/add-noise.js';
export { addNoise } from './waveform/add-noise.js';
export type { AudioRegistryContext } from './waveform/audio-registry.js';
export { audioRegistry, createAudioRegistry } from './waveform/audio-registry.js';
export type { BandPassOptions, BandPassParams } from './waveform/band-pass.js';
export { bandPass } from './waveform/band-pass.js';
export type { ClippingOptions, ClippingParams } from './waveform/clipping.js';
export { clipping } from './waveform/clipping.js';
export type { CropOrPadOptions, CropOrPadParams } from './waveform/crop-or-pad.js';
export { cropOrPad } from './waveform/crop-or-pad.js';
export type { GainOptions, GainParams } from './waveform/gain.js';
export { gain } from './waveform/gain.js';
export type { HighPassOptions, HighPassParams } from './waveform/high-pass.js';
export { highPass } from './waveform/high-pass.js';
export type { LowPassOptions, LowPassParams } from './waveform/low-pass.js';
export { lowPass } from './waveform/low-pass.js';
export type { MixBackgroundOptions, MixBackgroundParams } from './waveform/mix-background.js';
export { mixBackground } from './waveform/mix-background.js';
export type { PitchShiftOptions, PitchShiftParams } from './waveform/pitch-shift.js';
export { pitchShift } from './waveform/pitch-shift.js';
export type {
  PolarityInversionOptions,
  PolarityInversionParams,
} from './waveform/polarity-inversion.js';
export { polarityInversion } from './waveform/polarity-inversion.js';
export type { ReverbOptions, ReverbParams } from './waveform/reverb.js';
export { reverb } from './waveform/reverb.js';
export type { SpeedChangeOptions, SpeedChangeParams } from './waveform/speed-change.js';
export { speedChange } from './waveform/speed-change.js';
export type { TimeMaskOptions, TimeMaskParams } from './waveform/time-mask.js';
export { timeMask } from './waveform/time-mask.js';
export type { TimeShiftOptions, TimeShiftParams } from './waveform/time-shift.js';
export { timeShift } from './waveform/time-shift.js';
export type { TimeStretchOptions, TimeStretchParams } from './waveform/time-stretch.js';
export { timeStretch } from './waveform/time-stretch.js';
