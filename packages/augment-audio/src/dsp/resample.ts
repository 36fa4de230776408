import { ManyViewsError } from '@manyviews/augment-core';

/** Zero crossings of the sinc kept on each side of the centre tap. */
const ZERO_CROSSINGS = 16;
/** Table entries per zero crossing; the kernel between entries is interpolated linearly. */
const TABLE_RESOLUTION = 512;
/** Kaiser window shape: beta 8.6 puts the first side lobe near -90 dB (Kaiser, 1974). */
const KAISER_BETA = 8.6;
/**
 * Cutoff as a fraction of the lower Nyquist frequency. Below 1 so the transition band of the
 * windowed sinc ends at Nyquist instead of straddling it, which would alias (resampy uses 0.945).
 */
const ROLLOFF = 0.94;

let kernelTable: Float64Array | undefined;

/**
 * Resamples one channel with a Kaiser-windowed sinc kernel (bandlimited interpolation after
 * J. O. Smith, "Digital Audio Resampling Home Page", CCRMA): each output sample is a weighted sum
 * of the input samples within 16 zero crossings of the kernel; the kernel is read from a table of
 * 512 entries per zero crossing with linear interpolation between entries. When downsampling the
 * kernel is stretched so its cutoff falls below the new Nyquist frequency: that is the anti-alias
 * lowpass. Samples outside the input count as zero.
 *
 * Cost: about `32 / min(1, toRate / fromRate)` multiply-adds per output sample.
 *
 * @param signal input samples (not modified)
 * @param fromRate rate of `signal`, > 0 (need not be an integer: speed change passes `rate * factor`)
 * @param toRate rate wanted, > 0
 * @returns `round(signal.length * toRate / fromRate)` samples; a copy when the rates are equal
 * @throws {ManyViewsError} `AUDIO_INVALID_OPTION` for a rate that is not a positive finite number
 */
export function resample(signal: Float32Array, fromRate: number, toRate: number): Float32Array {
  for (const [name, rate] of [
    ['fromRate', fromRate],
    ['toRate', toRate],
  ] as const) {
    if (!Number.isFinite(rate) || rate <= 0) {
      throw new ManyViewsError('AUDIO_INVALID_OPTION', `resample: ${name} must be positive`, {
        expected: 'a positive finite number',
        received: rate,
      });
    }
  }
  if (fromRate === toRate) return signal.slice();

  const ratio = toRate / fromRate;
  const outLength = Math.round(signal.length * ratio);
  const out = new Float32Array(outLength);
  const table = getKernelTable();
  const n = signal.length;

  // Cutoff in cycles per input sample relative to input Nyquist; the kernel's reach in input
  // samples grows as the cutoff shrinks.
  const cutoff = Math.min(1, ratio) * ROLLOFF;
  const reach = ZERO_CROSSINGS / cutoff;
  const step = cutoff * TABLE_RESOLUTION;
  const last = table.length - 1;

  for (let j = 0; j < outLength; j++) {
    const t = j / ratio;
    const lo = Math.max(0, Math.ceil(t - reach));
    const hi = Math.min(n - 1, Math.floor(t + reach));
    let acc = 0;
    for (let i = lo; i <= hi; i++) {
      const pos = Math.abs(t - i) * step;
      const k = pos | 0;
      if (k >= last) continue;
      const frac = pos - k;
      acc += signal[i] * (table[k] + frac * (table[k + 1] - table[k]));
    }
    out[j] = acc * cutoff;
  }
  return out;
}

/** The kernel sinc(x) * kaiser(x / ZERO_CROSSINGS) sampled at x = k / TABLE_RESOLUTION. */
function getKernelTable(): Float64Array {
  if (kernelTable) return kernelTable;

  const size = ZERO_CROSSINGS * TABLE_RESOLUTION + 1;
  const table = new Float64Array(size + 1);
  const norm = besselI0(KAISER_BETA);
  for (let k = 0; k < size; k++) {
    const x = k / TABLE_RESOLUTION;
    const sinc = k === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    const r = x / ZERO_CROSSINGS;
    const window = besselI0(KAISER_BETA * Math.sqrt(Math.max(0, 1 - r * r))) / norm;
    table[k] = sinc * window;
  }
  kernelTable = table;
  return table;
}

/** The zeroth-order modified Bessel function of the first kind, by its power series. */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const half = x / 2;
  for (let k = 1; k < 50; k++) {
    term *= (half / k) * (half / k);
    sum += term;
    if (term < sum * 1e-16) break;
  }
  return sum;
}
