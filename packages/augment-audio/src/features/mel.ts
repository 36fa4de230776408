import { ManyViewsError } from '@manyviews/augment-core';

/**
 * Mel scales: `htk` is `2595 log10(1 + f / 700)` (O'Shaughnessy 1987, HTK, torchaudio's default);
 * `slaney` is linear below 1 kHz and logarithmic above (Slaney's Auditory Toolbox, librosa's
 * default).
 */
export type MelScale = 'htk' | 'slaney';

/** Hz to mel on `scale`. */
export function hzToMel(hz: number, scale: MelScale = 'htk'): number {
  if (scale === 'htk') return 2595 * Math.log10(1 + hz / 700);
  // Slaney: 3 mels per 200 Hz up to 1 kHz (15 mels), then 27 mels per factor 6.4.
  const linear = hz / (200 / 3);
  return hz < 1000 ? linear : 15 + Math.log(hz / 1000) / (Math.log(6.4) / 27);
}

/** Mel to Hz on `scale` (the inverse of {@link hzToMel}). */
export function melToHz(mel: number, scale: MelScale = 'htk'): number {
  if (scale === 'htk') return 700 * (10 ** (mel / 2595) - 1);
  return mel < 15 ? (mel * 200) / 3 : 1000 * Math.exp((mel - 15) * (Math.log(6.4) / 27));
}

/** Options of {@link melFilterbank}. */
export interface MelFilterbankOptions {
  /** Samples per second of the signal. */
  sampleRate: number;
  /** FFT length of the spectrogram the filters apply to. */
  nFft: number;
  /** Number of filters, an integer >= 1; default 64. */
  nMels?: number;
  /** Lowest edge in Hz, >= 0; default 0. */
  fMin?: number;
  /** Highest edge in Hz, <= sampleRate / 2; default sampleRate / 2. */
  fMax?: number;
  /** Mel scale; default `htk`. */
  scale?: MelScale;
  /**
   * `none` (default): triangles of peak 1, which sum to 1 between the first and last centre (as
   * torchaudio's default). `slaney`: each triangle scaled to unit area in Hz (librosa's default).
   */
  norm?: 'none' | 'slaney';
}

/** Triangular filters on the bins `0 .. nFft / 2` of a spectrogram. */
export interface MelFilterbank {
  nMels: number;
  /** `nFft / 2 + 1`. */
  bins: number;
  /** `nMels x bins`, filter-major: weight of bin `k` in filter `m` is `weights[m * bins + k]`. */
  weights: Float32Array;
  /** Centre frequency of each filter in Hz. */
  centers: Float64Array;
  /** First bin with a non-zero weight in each filter. */
  starts: Int32Array;
  /** One past the last bin with a non-zero weight in each filter. */
  ends: Int32Array;
}

/**
 * Builds a mel filterbank the way librosa's `filters.mel` does: `nMels + 2` points equally spaced
 * in mel between `fMin` and `fMax` give the edges and centres of overlapping triangles, evaluated
 * at each FFT bin's frequency `k * sampleRate / nFft`.
 *
 * @returns `nMels x (nFft / 2 + 1)` weights; a filter narrower than a bin may be all zero
 * @throws {ManyViewsError} `AUDIO_INVALID_OPTION` for a bad count or band
 */
export function melFilterbank(options: MelFilterbankOptions): MelFilterbank {
  const { sampleRate, nFft } = options;
  const nMels = options.nMels ?? 64;
  const fMin = options.fMin ?? 0;
  const fMax = options.fMax ?? sampleRate / 2;
  const scale = options.scale ?? 'htk';
  const norm = options.norm ?? 'none';
  if (!Number.isInteger(nMels) || nMels < 1) {
    throw new ManyViewsError(
      'AUDIO_INVALID_OPTION',
      'melFilterbank: nMels must be a positive integer',
      {
        expected: 'an integer >= 1',
        received: nMels,
      },
    );
  }
  if (!(fMin >= 0 && fMin < fMax && fMax <= sampleRate / 2)) {
    throw new ManyViewsError('AUDIO_INVALID_OPTION', 'melFilterbank: the band is invalid', {
      expected: `0 <= fMin < fMax <= ${sampleRate / 2} (half the sample rate)`,
      received: [fMin, fMax],
    });
  }

  const bins = Math.floor(nFft / 2) + 1;
  const lo = hzToMel(fMin, scale);
  const hi = hzToMel(fMax, scale);
  const points = Array.from({ length: nMels + 2 }, (_, i) =>
    melToHz(lo + ((hi - lo) * i) / (nMels + 1), scale),
  );

  const weights = new Float32Array(nMels * bins);
  const starts = new Int32Array(nMels);
  const ends = new Int32Array(nMels);
  const centers = new Float64Array(nMels);
  for (let m = 0; m < nMels; m++) {
    const [left, centre, right] = [points[m], points[m + 1], points[m + 2]];
    const height = norm === 'slaney' ? 2 / (right - left) : 1;
    centers[m] = centre;
    starts[m] = bins;
    ends[m] = 0;
    for (let k = 0; k < bins; k++) {
      const f = (k * sampleRate) / nFft;
      const w = Math.max(0, Math.min((f - left) / (centre - left), (right - f) / (right - centre)));
      if (w > 0) {
        weights[m * bins + k] = w * height;
        starts[m] = Math.min(starts[m], k);
        ends[m] = k + 1;
      }
    }
    if (ends[m] === 0) starts[m] = 0;
  }
  return { nMels, bins, weights, centers, starts, ends };
}
