import { ManyViewsError } from '@manyviews/augment-core';
import { isPowerOfTwo, RealFft } from '../dsp/fft.js';

/** Options of {@link stft}, {@link istft} and {@link powerSpectrogram}. */
export interface StftOptions {
  /** FFT length, a power of two >= 4; default 512 (32 ms at 16 kHz). */
  nFft?: number;
  /** Samples between frame starts, an integer >= 1; default 160 (10 ms at 16 kHz). */
  hop?: number;
  /** Hann window length, in [2, nFft], centred in the frame; default `nFft`. */
  winLength?: number;
  /**
   * Pad `nFft / 2` samples on both sides so frame `t` is centred on sample `t * hop` (as librosa
   * and torch do); default true. The padding reflects the signal, or is zero when the signal is
   * too short to reflect.
   */
  center?: boolean;
}

/** A complex spectrogram, frame-major: bin `k` of frame `t` is at `t * bins + k`. */
export interface ComplexSpectrogram {
  frames: number;
  /** `nFft / 2 + 1`. */
  bins: number;
  re: Float32Array;
  im: Float32Array;
}

/** A real matrix of `frames x bins`, frame-major (`data[t * bins + k]`). */
export interface Spectrogram {
  frames: number;
  bins: number;
  data: Float32Array;
}

/** {@link StftOptions} with every default filled in. */
export interface ResolvedStftOptions {
  nFft: number;
  hop: number;
  winLength: number;
  center: boolean;
}

/**
 * Fills the defaults of `options` and checks them.
 *
 * @throws {ManyViewsError} `AUDIO_INVALID_OPTION` naming the bad field
 */
export function resolveStftOptions(options: StftOptions = {}): ResolvedStftOptions {
  const nFft = options.nFft ?? 512;
  const hop = options.hop ?? 160;
  const winLength = options.winLength ?? nFft;
  const center = options.center ?? true;
  if (!isPowerOfTwo(nFft)) throw badOption('nFft', 'a power of two >= 4', nFft);
  if (!Number.isInteger(hop) || hop < 1) throw badOption('hop', 'an integer >= 1', hop);
  if (!Number.isInteger(winLength) || winLength < 2 || winLength > nFft) {
    throw badOption('winLength', `an integer in [2, ${nFft}]`, winLength);
  }
  return { nFft, hop, winLength, center };
}

const windows = new Map<string, Float64Array>();

/**
 * The periodic Hann window of `winLength` (`0.5 - 0.5 cos(2 pi n / winLength)`, what
 * `torch.hann_window` and librosa use for spectral analysis), zero-padded to `nFft` with the
 * window in the middle.
 */
export function hannWindow(winLength: number, nFft = winLength): Float64Array {
  const key = `${winLength}/${nFft}`;
  const cached = windows.get(key);
  if (cached) return cached;

  const window = new Float64Array(nFft);
  const offset = Math.floor((nFft - winLength) / 2);
  for (let n = 0; n < winLength; n++) {
    window[offset + n] = 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / winLength);
  }
  windows.set(key, window);
  return window;
}

/**
 * The number of frames {@link stft} gives for `length` samples: `1 + floor(length / hop)` when
 * centred, else `1 + floor((length - nFft) / hop)` (0 when shorter than one frame).
 */
export function frameCount(length: number, options: ResolvedStftOptions): number {
  if (options.center) return 1 + Math.floor(length / options.hop);
  return length < options.nFft ? 0 : 1 + Math.floor((length - options.nFft) / options.hop);
}

/**
 * Short-time Fourier transform with a Hann window.
 *
 * @param signal samples (not modified)
 * @param options `nFft` (512), `hop` (160), `winLength` (nFft), `center` (true)
 * @returns `frames x (nFft / 2 + 1)` complex values; bin `k` is `k * sampleRate / nFft` Hz
 * @throws {ManyViewsError} `AUDIO_INVALID_OPTION` for bad options
 */
export function stft(signal: Float32Array, options: StftOptions = {}): ComplexSpectrogram {
  const o = resolveStftOptions(options);
  const fft = new RealFft(o.nFft);
  const window = hannWindow(o.winLength, o.nFft);
  const padded = o.center ? padCentre(signal, o.nFft / 2) : signal;
  const frames = frameCount(signal.length, o);
  const bins = fft.bins;
  const re = new Float32Array(frames * bins);
  const im = new Float32Array(frames * bins);

  const frame = new Float64Array(o.nFft);
  const fr = new Float64Array(bins);
  const fi = new Float64Array(bins);
  for (let t = 0; t < frames; t++) {
    const start = t * o.hop;
    for (let i = 0; i < o.nFft; i++) {
      const j = start + i;
      frame[i] = j < padded.length ? padded[j] * window[i] : 0;
    }
    fft.forward(frame, fr, fi);
    re.set(fr, t * bins);
    im.set(fi, t * bins);
  }
  return { frames, bins, re, im };
}

/**
 * Inverse of {@link stft} by weighted overlap-add: each frame is inverted, windowed again and
 * added, and the sum is divided by the summed squared windows (Griffin and Lim, 1984), which
 * inverts `stft` exactly wherever the windows overlap.
 *
 * @param spec a spectrogram with `bins = nFft / 2 + 1`
 * @param options the options the spectrogram was made with
 * @param length samples to return; default `(frames - 1) * hop` (centred) or
 *   `(frames - 1) * hop + nFft`
 * @throws {ManyViewsError} `AUDIO_INVALID_OPTION` when `bins` does not match `nFft`
 */
export function istft(
  spec: ComplexSpectrogram,
  options: StftOptions = {},
  length?: number,
): Float32Array {
  const o = resolveStftOptions(options);
  const fft = new RealFft(o.nFft);
  if (spec.bins !== fft.bins)
    throw badOption('nFft', `${(spec.bins - 1) * 2} to match the spectrogram`, o.nFft);

  const window = hannWindow(o.winLength, o.nFft);
  const span = (spec.frames - 1) * o.hop + o.nFft;
  const sum = new Float64Array(span);
  const weight = new Float64Array(span);
  const frame = new Float64Array(o.nFft);
  for (let t = 0; t < spec.frames; t++) {
    fft.inverse(spec.re.subarray(t * spec.bins), spec.im.subarray(t * spec.bins), frame);
    const start = t * o.hop;
    for (let i = 0; i < o.nFft; i++) {
      sum[start + i] += frame[i] * window[i];
      weight[start + i] += window[i] * window[i];
    }
  }

  const offset = o.center ? o.nFft / 2 : 0;
  const outLength = length ?? (o.center ? (spec.frames - 1) * o.hop : span);
  const out = new Float32Array(outLength);
  for (let i = 0; i < outLength; i++) {
    const j = i + offset;
    if (j < span && weight[j] > 1e-10) out[i] = sum[j] / weight[j];
  }
  return out;
}

/**
 * `|STFT|^power` of `signal`.
 *
 * @param signal samples
 * @param options STFT options, plus `power` (2 = power, default; 1 = magnitude)
 * @returns `frames x (nFft / 2 + 1)`, frame-major
 */
export function powerSpectrogram(
  signal: Float32Array,
  options: StftOptions & { power?: 1 | 2 } = {},
): Spectrogram {
  const spec = stft(signal, options);
  const power = options.power ?? 2;
  const data = new Float32Array(spec.re.length);
  for (let i = 0; i < data.length; i++) {
    const p = spec.re[i] * spec.re[i] + spec.im[i] * spec.im[i];
    data[i] = power === 2 ? p : Math.sqrt(p);
  }
  return { frames: spec.frames, bins: spec.bins, data };
}

/**
 * Pads `pad` samples each side by reflection (no edge repeat, as numpy's `reflect`), else zeros.
 */
function padCentre(signal: Float32Array, pad: number): Float32Array {
  const n = signal.length;
  const out = new Float32Array(n + 2 * pad);
  out.set(signal, pad);
  if (n > pad) {
    for (let i = 1; i <= pad; i++) {
      out[pad - i] = signal[i];
      out[pad + n - 1 + i] = signal[n - 1 - i];
    }
  }
  return out;
}

function badOption(name: string, expected: string, received: unknown): ManyViewsError {
  return new ManyViewsError('AUDIO_INVALID_OPTION', `stft: ${name} is invalid`, {
    expected,
    received,
  });
}
