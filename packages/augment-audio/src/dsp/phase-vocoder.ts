import { ManyViewsError } from '@manyviews/augment-core';
import { type ComplexSpectrogram, istft, stft } from '../features/stft.js';
import { nextPowerOfTwo } from './fft.js';
import { resample } from './resample.js';

/**
 * STFT size for the vocoder at `sampleRate`: about 32 ms (512 at 16 kHz, 2048 at 44.1 kHz), long
 * enough to resolve the harmonics of a voice, short enough to keep transient smearing small.
 */
export function vocoderFftSize(sampleRate: number): number {
  return nextPowerOfTwo(Math.round(sampleRate * 0.032));
}

/**
 * Changes the duration of `signal` by `1 / rate` without changing its pitch, with a phase
 * vocoder with identity phase locking (Flanagan and Golden, 1966; Laroche and Dolson, "Improved
 * phase vocoder time-scale modification of audio", 1999): the STFT (Hann window of about 32 ms,
 * 75% overlap) is read at fractional frame steps of `rate`, magnitudes are interpolated between
 * neighbouring frames, each spectral peak's phase advances by its measured instantaneous
 * frequency, and the bins around a peak keep their phase offsets to it, so partials stay
 * continuous and coherent across the new frames.
 *
 * Artefacts: some "phasiness" remains (a slightly reverberant, distant colour where partials are
 * close together, as in noisy or breathy sounds), transients are smeared over a window (plosives
 * and onsets lose their snap), and large factors add a metallic ring. They grow with `|log rate|`;
 * rates within [0.8, 1.25] keep speech natural. The first frame is taken as it is, so the first
 * few milliseconds are not stretched.
 *
 * @param signal samples
 * @param rate speed factor in [0.25, 4]: 2 halves the duration, 0.5 doubles it
 * @param sampleRate the signal's rate (sets the STFT size, see {@link vocoderFftSize})
 * @returns `round(signal.length / rate)` samples
 * @throws {ManyViewsError} `AUDIO_INVALID_OPTION` for a rate outside [0.25, 4]
 */
export function phaseVocoderStretch(
  signal: Float32Array,
  rate: number,
  sampleRate: number,
): Float32Array {
  if (!(rate >= 0.25 && rate <= 4)) {
    throw new ManyViewsError('AUDIO_INVALID_OPTION', 'phaseVocoderStretch: rate out of range', {
      expected: 'a number in [0.25, 4]',
      received: rate,
    });
  }
  const outLength = Math.round(signal.length / rate);
  if (rate === 1 || signal.length === 0) return fitLength(signal.slice(), outLength);

  const nFft = vocoderFftSize(sampleRate);
  const options = { nFft, hop: nFft / 4 };
  const spec = stft(signal, options);
  const stretched = stretchFrames(spec, rate, options.hop, nFft);
  return istft(stretched, options, outLength);
}

/**
 * Shifts the pitch of `signal` by `semitones` and keeps its length: a phase-vocoder stretch by
 * `2^(semitones / 12)` followed by resampling back to the original duration (the windowed-sinc
 * resampler of {@link resample}). Formants move with the pitch (the "chipmunk" effect for upward
 * shifts), and the vocoder's artefacts apply.
 *
 * @param signal samples
 * @param semitones shift in [-24, 24]
 * @param sampleRate the signal's rate
 * @returns `signal.length` samples
 * @throws {ManyViewsError} `AUDIO_INVALID_OPTION` for a shift outside [-24, 24]
 */
export function phaseVocoderPitchShift(
  signal: Float32Array,
  semitones: number,
  sampleRate: number,
): Float32Array {
  if (!(semitones >= -24 && semitones <= 24)) {
    throw new ManyViewsError('AUDIO_INVALID_OPTION', 'phaseVocoderPitchShift: shift out of range', {
      expected: 'a number of semitones in [-24, 24]',
      received: semitones,
    });
  }
  if (semitones === 0) return signal.slice();

  const factor = 2 ** (semitones / 12);
  const longer = phaseVocoderStretch(signal, 1 / factor, sampleRate);
  return fitLength(resample(longer, sampleRate * factor, sampleRate), signal.length);
}

/** Cuts `signal` to `length` or pads it with zeros at the end. */
export function fitLength(signal: Float32Array, length: number): Float32Array {
  if (signal.length === length) return signal;
  if (signal.length > length) return signal.slice(0, length);
  const out = new Float32Array(length);
  out.set(signal);
  return out;
}

/**
 * Reads `spec` at fractional frame steps of `rate` with identity phase locking (Laroche and Dolson,
 * 1999): the phase of each spectral peak (a bin larger than its four nearest neighbours) advances
 * by its measured instantaneous frequency, and every other bin keeps, relative to its nearest peak,
 * the phase offset it has in the analysis frame. Without the locking each bin's phase wanders
 * independently, neighbouring bins of one partial drift out of step and partly cancel: the
 * loudness drops and the sound turns "phasey".
 */
function stretchFrames(
  spec: ComplexSpectrogram,
  rate: number,
  hop: number,
  nFft: number,
): ComplexSpectrogram {
  const { frames, bins } = spec;
  // One zero frame past the end lets the last step interpolate towards silence.
  const magnitude = new Float32Array(frames * bins + bins);
  const phase = new Float32Array(frames * bins + bins);
  for (let i = 0; i < frames * bins; i++) {
    magnitude[i] = Math.hypot(spec.re[i], spec.im[i]);
    phase[i] = Math.atan2(spec.im[i], spec.re[i]);
  }

  const steps = Math.ceil(frames / rate);
  const re = new Float32Array(steps * bins);
  const im = new Float32Array(steps * bins);
  const advance = new Float64Array(bins);
  for (let k = 0; k < bins; k++) advance[k] = (2 * Math.PI * hop * k) / nFft;
  const mag = new Float64Array(bins);
  const out = new Float64Array(bins);
  const nearestPeak = new Int32Array(bins);

  for (let s = 0; s < steps; s++) {
    const step = s * rate;
    const t = Math.floor(step);
    const alpha = step - t;
    const a = t * bins;
    const b = Math.min(t + 1, frames) * bins;
    const ref = alpha < 0.5 ? a : b;
    for (let k = 0; k < bins; k++)
      mag[k] = (1 - alpha) * magnitude[a + k] + alpha * magnitude[b + k];

    if (s === 0) {
      for (let k = 0; k < bins; k++) out[k] = phase[k];
    } else {
      const peaks = findPeaks(mag, nearestPeak);
      for (let k = 0; k < bins; k++) {
        const p = peaks ? nearestPeak[k] : k;
        if (p !== k) continue;
        // Deviation of the measured phase advance from the bin's own, wrapped to [-pi, pi].
        let delta = phase[b + k] - phase[a + k] - advance[k];
        delta -= 2 * Math.PI * Math.round(delta / (2 * Math.PI));
        out[k] += advance[k] + delta;
      }
      if (peaks) {
        for (let k = 0; k < bins; k++) {
          const p = nearestPeak[k];
          if (p !== k) out[k] = out[p] + phase[ref + k] - phase[ref + p];
        }
      }
    }

    for (let k = 0; k < bins; k++) {
      re[s * bins + k] = mag[k] * Math.cos(out[k]);
      im[s * bins + k] = mag[k] * Math.sin(out[k]);
    }
  }
  return { frames: steps, bins, re, im };
}

/**
 * Marks the peaks of `mag` (larger than the two bins on each side) and fills `nearest[k]` with the
 * peak closest to bin `k`.
 *
 * @returns false when there is no peak (silence), leaving `nearest` unspecified
 */
function findPeaks(mag: Float64Array, nearest: Int32Array): boolean {
  const n = mag.length;
  let previous = -1;
  let found = false;
  for (let k = 0; k < n; k++) {
    const v = mag[k];
    const isPeak =
      v > 0 &&
      (k < 1 || v > mag[k - 1]) &&
      (k < 2 || v > mag[k - 2]) &&
      (k + 1 >= n || v >= mag[k + 1]) &&
      (k + 2 >= n || v >= mag[k + 2]);
    if (!isPeak) continue;
    found = true;
    // Bins between the previous peak and this one go to whichever is closer.
    const from = previous < 0 ? 0 : previous + 1;
    for (let j = from; j <= k; j++)
      nearest[j] = previous < 0 || k - j <= j - previous ? k : previous;
    previous = k;
  }
  if (!found) return false;
  for (let j = previous + 1; j < n; j++) nearest[j] = previous;
  return true;
}
