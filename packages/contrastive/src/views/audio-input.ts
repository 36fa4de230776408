import {
  type AudioClip,
  type LogMel,
  type LogMelOptions,
  logMelExtractor,
  mixToMono,
  trimSilence,
} from '@manyviews/augment-audio';
import { ManyViewsError } from '@manyviews/augment-core';

/**
 * How an audio model's inputs are prepared, stored as its manifest's `preprocess` so serving
 * reproduces training exactly: mono at `sampleRate`, optionally trimmed of silence, centred in a
 * window of `duration` seconds (cut or zero-padded), log-mel of it, then `(x - mean) / std`.
 */
export interface AudioPreprocess {
  /** Rate every input is resampled to, in Hz (16000 for speech). */
  sampleRate: number;
  /** Length of the encoder's window in seconds; default recipes use 1. */
  duration: number;
  /** Cut leading and trailing silence first (as the training clips were); see `trimSilence`. */
  trim: boolean;
  /** Log-mel options (`nFft`, `hop`, `nMels`, `fMin`, `fMax`, ...); see augment-audio's `logMel`. */
  logMel: LogMelOptions;
  /** Normalisation of the log-mel values, from the training set. */
  mean: number;
  std: number;
  /** Longest input a served model accepts, in seconds; longer ones get `AUDIO_TOO_LONG`. */
  maxSeconds: number;
}

/** Samples in an input window: `round(duration * sampleRate)`. */
export function windowLength(pre: Pick<AudioPreprocess, 'duration' | 'sampleRate'>): number {
  return Math.round(pre.duration * pre.sampleRate);
}

/**
 * Mono samples cut or zero-padded to exactly `length`, keeping the centre (deterministic: the
 * augmentation's random crop belongs to the recipe, evaluation and serving take the middle).
 */
export function centreFit(samples: Float32Array, length: number): Float32Array {
  if (samples.length === length) return samples;
  const out = new Float32Array(length);
  if (samples.length > length) {
    const start = Math.floor((samples.length - length) / 2);
    out.set(samples.subarray(start, start + length));
  } else {
    out.set(samples, Math.floor((length - samples.length) / 2));
  }
  return out;
}

/**
 * Turns prepared clips into encoder inputs. Built once per preprocess (the filterbank is made
 * once), then called per clip.
 *
 * @param pre the model's {@link AudioPreprocess}
 * @returns `frames` and `bins` of one input, and `prepare(clip)` giving `frames * bins` floats,
 *   frame-major, normalised; `logMelOf(samples)` for a window already of the right length
 * @throws {ManyViewsError} `AUDIO_INVALID_OPTION` for bad log-mel options or a bad window
 */
export function audioInputMaker(pre: AudioPreprocess): {
  frames: number;
  bins: number;
  logMelOf(samples: Float32Array): LogMel;
  normalize(features: LogMel): Float32Array;
  prepare(clip: AudioClip): Float32Array;
} {
  const length = windowLength(pre);
  if (!(length > 0) || !(pre.std > 0) || !Number.isFinite(pre.mean)) {
    throw new ManyViewsError('AUDIO_INVALID_OPTION', 'audio preprocess: bad window or statistics', {
      expected: 'duration * sampleRate >= 1 sample, a finite mean and std > 0',
      received: {
        duration: pre.duration,
        sampleRate: pre.sampleRate,
        mean: pre.mean,
        std: pre.std,
      },
    });
  }
  const extract = logMelExtractor({ ...pre.logMel, sampleRate: pre.sampleRate });
  const probe = extract(new Float32Array(length));
  const scale = 1 / pre.std;

  const normalize = (features: LogMel): Float32Array => {
    const out = new Float32Array(features.data.length);
    for (let i = 0; i < out.length; i++) out[i] = (features.data[i] - pre.mean) * scale;
    return out;
  };
  return {
    frames: probe.frames,
    bins: probe.bins,
    logMelOf: extract,
    normalize,
    prepare(clip) {
      if (clip.sampleRate !== pre.sampleRate) {
        throw new ManyViewsError('AUDIO_INVALID_CLIP', 'audio input: wrong sample rate', {
          expected: `${pre.sampleRate} Hz (resample first)`,
          received: `${clip.sampleRate} Hz`,
        });
      }
      const source = pre.trim ? trimSilence(clip) : clip;
      return normalize(extract(centreFit(mixToMono(source), length)));
    },
  };
}

/**
 * Mean and standard deviation of the log-mel values of centred windows of `clips` (all frames and
 * bins pooled, as BYOL-A normalises), to store in {@link AudioPreprocess}.
 *
 * @param clips training clips at `pre.sampleRate`, prepared as the inputs will be (trimmed when
 *   `pre.trim`); at most `limit` of them, evenly spaced, are used (default 2000)
 */
export function logMelStatistics(
  clips: readonly AudioClip[],
  pre: Omit<AudioPreprocess, 'mean' | 'std'>,
  limit = 2000,
): { mean: number; std: number } {
  const maker = audioInputMaker({ ...pre, mean: 0, std: 1 });
  const step = Math.max(1, clips.length / limit);
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < clips.length; i += step) {
    const values = maker.prepare(clips[Math.floor(i)]);
    for (const v of values) {
      sum += v;
      sumSq += v * v;
    }
    n += values.length;
  }
  if (n === 0) {
    throw new ManyViewsError('AUDIO_INVALID_OPTION', 'logMelStatistics: no clips', {
      expected: 'at least one clip',
      received: 0,
    });
  }
  const mean = sum / n;
  return { mean, std: Math.sqrt(Math.max(sumSq / n - mean * mean, 1e-12)) };
}
