import { ManyViewsError } from '@manyviews/augment-core';
import FFT from 'fft.js';

const plans = new Map<number, FFT>();

/** The smallest power of two that is at least `n` (and at least 4, fft.js's smallest size). */
export function nextPowerOfTwo(n: number): number {
  let size = 4;
  while (size < n) size *= 2;
  return size;
}

/** Whether `n` is a power of two of at least 4. */
export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n >= 4 && (n & (n - 1)) === 0;
}

function plan(size: number): FFT {
  if (!isPowerOfTwo(size)) {
    throw new ManyViewsError('AUDIO_INVALID_OPTION', 'FFT size must be a power of two', {
      expected: 'a power of two >= 4',
      received: size,
    });
  }
  let fft = plans.get(size);
  if (!fft) {
    fft = new FFT(size);
    plans.set(size, fft);
  }
  return fft;
}

/**
 * A real-input FFT of one size on fft.js (radix-4), with its buffers, for repeated use in a loop
 * (an STFT, a phase vocoder). Not safe to share between concurrent users of the same instance.
 *
 * Convention: `X[k] = sum_n x[n] exp(-2 pi i k n / N)`, unscaled; {@link inverse} divides by N.
 */
export class RealFft {
  /** Transform length N, a power of two >= 4. */
  readonly size: number;
  /** Number of non-redundant bins, `N / 2 + 1`. */
  readonly bins: number;
  private readonly fft: FFT;
  private readonly input: Float64Array;
  private readonly spectrum: Float64Array;
  private readonly output: Float64Array;

  /**
   * @param size N, a power of two >= 4
   * @throws {ManyViewsError} `AUDIO_INVALID_OPTION` when `size` is not a power of two
   */
  constructor(size: number) {
    this.fft = plan(size);
    this.size = size;
    this.bins = size / 2 + 1;
    this.input = new Float64Array(size);
    this.spectrum = new Float64Array(2 * size);
    this.output = new Float64Array(2 * size);
  }

  /**
   * Transforms `signal` (zero-padded or cut to N) into bins `0 .. N/2`.
   *
   * @param signal real samples; only the first N are read
   * @param re receives the real parts, length >= N/2 + 1
   * @param im receives the imaginary parts, length >= N/2 + 1
   */
  forward(
    signal: ArrayLike<number>,
    re: Float32Array | Float64Array,
    im: Float32Array | Float64Array,
  ): void {
    const n = Math.min(signal.length, this.size);
    for (let i = 0; i < n; i++) this.input[i] = signal[i];
    this.input.fill(0, n);
    this.fft.realTransform(this.spectrum, this.input);
    for (let k = 0; k < this.bins; k++) {
      re[k] = this.spectrum[2 * k];
      im[k] = this.spectrum[2 * k + 1];
    }
  }

  /**
   * The real signal whose spectrum has bins `0 .. N/2` given by `re` and `im` (the other half
   * taken as their complex conjugates).
   *
   * @param out receives N samples
   */
  inverse(re: ArrayLike<number>, im: ArrayLike<number>, out: Float32Array | Float64Array): void {
    const size = this.size;
    const spectrum = this.spectrum;
    for (let k = 0; k < this.bins; k++) {
      spectrum[2 * k] = re[k];
      spectrum[2 * k + 1] = im[k];
    }
    for (let k = this.bins; k < size; k++) {
      spectrum[2 * k] = re[size - k];
      spectrum[2 * k + 1] = -im[size - k];
    }
    this.fft.inverseTransform(this.output, spectrum);
    for (let i = 0; i < size; i++) out[i] = this.output[2 * i];
  }
}

/**
 * Linear convolution of `signal` with `kernel` through one FFT of size
 * `nextPowerOfTwo(signal.length + kernel.length - 1)` (fast for long kernels such as room
 * impulse responses, where direct convolution costs `signal.length * kernel.length`).
 *
 * @param signal input samples
 * @param kernel impulse response
 * @param length samples of the result to return; default the full `signal.length + kernel.length - 1`
 * @returns `y[n] = sum_k kernel[k] * signal[n - k]` for `n < length`
 */
export function fftConvolve(
  signal: Float32Array,
  kernel: Float32Array,
  length?: number,
): Float32Array {
  const full = signal.length + kernel.length - 1;
  const outLength = Math.min(length ?? full, full);
  if (signal.length === 0 || kernel.length === 0) return new Float32Array(Math.max(0, outLength));

  const fft = new RealFft(nextPowerOfTwo(full));
  const ar = new Float64Array(fft.bins);
  const ai = new Float64Array(fft.bins);
  const br = new Float64Array(fft.bins);
  const bi = new Float64Array(fft.bins);
  fft.forward(signal, ar, ai);
  fft.forward(kernel, br, bi);
  for (let k = 0; k < fft.bins; k++) {
    const r = ar[k] * br[k] - ai[k] * bi[k];
    ai[k] = ar[k] * bi[k] + ai[k] * br[k];
    ar[k] = r;
  }
  const out = new Float64Array(fft.size);
  fft.inverse(ar, ai, out);
  return Float32Array.from(out.subarray(0, outLength));
}
