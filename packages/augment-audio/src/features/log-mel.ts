import { ManyViewsError } from '@manyviews/augment-core';
import { type AudioClip, assertClip, mixToMono } from '../clip.js';
import { type MelFilterbank, type MelScale, melFilterbank } from './mel.js';
import { powerSpectrogram, resolveStftOptions, type StftOptions } from './stft.js';

/**
 * A log-mel spectrogram (or any frame-by-feature matrix, such as MFCCs): `frames x bins`,
 * frame-major, so feature `b` of frame `t` is `data[t * bins + b]`. Time runs down the rows and
 * frequency along them (BYOL-A and torchaudio hold the transpose, `(freq, time)`).
 */
export interface LogMel {
  frames: number;
  bins: number;
  data: Float32Array;
}

/** Options of {@link logMel} and {@link logMelExtractor}. */
export interface LogMelOptions extends StftOptions {
  /** Number of mel bands; default 64 (BYOL-A). */
  nMels?: number;
  /** Lowest band edge in Hz; default 60 (BYOL-A). */
  fMin?: number;
  /** Highest band edge in Hz; default `min(7800, sampleRate / 2)` (BYOL-A uses 7800 at 16 kHz). */
  fMax?: number;
  /** Mel scale; default `htk` (torchaudio's, which BYOL-A uses). */
  scale?: MelScale;
  /** Filter normalisation; default `none` (see {@link melFilterbank}). */
  norm?: 'none' | 'slaney';
  /** Added before the natural log; default 1.1920929e-7 (float32 epsilon, as BYOL-A). */
  eps?: number;
}

/**
 * Makes a log-mel extractor for one sample rate, with its filterbank built once: power STFT
 * (periodic Hann window, `nFft` 512, `winLength` 512, `hop` 160, centred with reflection), HTK
 * mel filters (64 bands, 60 Hz to 7.8 kHz, unnormalised), then `ln(mel + eps)`. At 16 kHz that is
 * a 32 ms window every 10 ms, so one second gives 101 frames.
 *
 * @param options {@link LogMelOptions} plus the `sampleRate` of the signals it will see
 * @returns a function from mono samples to a {@link LogMel}
 * @throws {ManyViewsError} `AUDIO_INVALID_OPTION` for bad STFT, filterbank or `eps` options
 * @example
 * const extract = logMelExtractor({ sampleRate: 16000 });
 * const features = extract(clip.channels[0]); // { frames: 101, bins: 64, data }
 */
export function logMelExtractor(
  options: LogMelOptions & { sampleRate: number },
): (signal: Float32Array) => LogMel {
  const stftOptions = resolveStftOptions(options);
  const eps = options.eps ?? 1.1920929e-7;
  if (!(eps > 0)) {
    throw new ManyViewsError('AUDIO_INVALID_OPTION', 'logMel: eps must be positive', {
      expected: 'a number > 0',
      received: eps,
    });
  }
  const bank = melFilterbank({
    sampleRate: options.sampleRate,
    nFft: stftOptions.nFft,
    nMels: options.nMels ?? 64,
    fMin: options.fMin ?? 60,
    fMax: options.fMax ?? Math.min(7800, options.sampleRate / 2),
    scale: options.scale ?? 'htk',
    norm: options.norm ?? 'none',
  });

  return function extractLogMel(signal: Float32Array): LogMel {
    const power = powerSpectrogram(signal, stftOptions);
    return {
      frames: power.frames,
      bins: bank.nMels,
      data: applyFilterbank(power.data, power.frames, bank, eps),
    };
  };
}

const extractors = new Map<string, (signal: Float32Array) => LogMel>();

/**
 * The log-mel spectrogram of a clip (channels averaged first). Extractors are cached by their
 * options, so calling this in a loop builds the filterbank once.
 *
 * @param clip the sound; its `sampleRate` sets the filter frequencies
 * @param options see {@link LogMelOptions}; defaults suit 16 kHz speech (BYOL-A's bands)
 * @returns `frames x nMels`, natural log of power
 * @throws {ManyViewsError} `AUDIO_INVALID_CLIP` or `AUDIO_INVALID_OPTION`
 */
export function logMel(clip: AudioClip, options: LogMelOptions = {}): LogMel {
  assertClip(clip, 'logMel');
  const key = JSON.stringify({ ...options, sampleRate: clip.sampleRate });
  let extract = extractors.get(key);
  if (!extract) {
    extract = logMelExtractor({ ...options, sampleRate: clip.sampleRate });
    if (extractors.size >= 16) extractors.clear();
    extractors.set(key, extract);
  }
  return extract(mixToMono(clip));
}

/**
 * Checks that `value` is a well-formed {@link LogMel}.
 *
 * @throws {ManyViewsError} `AUDIO_INVALID_SPECTROGRAM` naming what is wrong
 */
export function assertLogMel(value: LogMel, where: string): void {
  const ok =
    value !== null &&
    typeof value === 'object' &&
    Number.isInteger(value.frames) &&
    Number.isInteger(value.bins) &&
    value.frames >= 1 &&
    value.bins >= 1 &&
    value.data instanceof Float32Array &&
    value.data.length === value.frames * value.bins;
  if (!ok) {
    throw new ManyViewsError('AUDIO_INVALID_SPECTROGRAM', `${where}: not a frames x bins matrix`, {
      expected: '{ frames >= 1, bins >= 1, data: Float32Array(frames * bins) }',
      received: value,
    });
  }
}

function applyFilterbank(
  power: Float32Array,
  frames: number,
  bank: MelFilterbank,
  eps: number,
): Float32Array {
  const { nMels, bins, weights, starts, ends } = bank;
  const out = new Float32Array(frames * nMels);
  for (let t = 0; t < frames; t++) {
    const row = t * bins;
    for (let m = 0; m < nMels; m++) {
      let sum = 0;
      const w = m * bins;
      for (let k = starts[m]; k < ends[m]; k++) sum += weights[w + k] * power[row + k];
      out[t * nMels + m] = Math.log(sum + eps);
    }
  }
  return out;
}
