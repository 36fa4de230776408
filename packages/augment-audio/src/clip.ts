import { ManyViewsError } from '@manyviews/augment-core';

/**
 * A clip of sampled sound: one `Float32Array` per channel, all of the same length, values nominally
 * in [-1, 1] (full scale). Mono is `channels.length === 1`, which is what {@link decodeWav} gives
 * by default and what the spoken-word dataset uses; every transform also accepts several channels
 * and treats them alike (one draw, applied to each channel).
 *
 * Transforms never modify a clip in place: they return a new one, so a view and its source can be
 * kept side by side.
 */
export interface AudioClip {
  /** Samples per second, a positive integer (16000 for the speech recipe). */
  sampleRate: number;
  /** One array per channel, equal lengths, at least one channel. */
  channels: Float32Array[];
}

/**
 * Makes a mono clip from samples.
 *
 * @param samples the samples (kept, not copied)
 * @param sampleRate samples per second, a positive integer
 * @throws {ManyViewsError} `AUDIO_INVALID_CLIP` for a bad rate
 */
export function monoClip(samples: Float32Array, sampleRate: number): AudioClip {
  const clip = { sampleRate, channels: [samples] };
  assertClip(clip, 'monoClip');
  return clip;
}

/**
 * Checks that `clip` is a well-formed {@link AudioClip}.
 *
 * @param clip the value to check
 * @param where the function asking, for the message
 * @throws {ManyViewsError} `AUDIO_INVALID_CLIP` naming what is wrong
 */
export function assertClip(clip: AudioClip, where: string): void {
  if (!clip || !Number.isInteger(clip.sampleRate) || clip.sampleRate <= 0) {
    throw new ManyViewsError('AUDIO_INVALID_CLIP', `${where}: the clip has no valid sample rate`, {
      expected: 'a positive integer sampleRate',
      received: clip?.sampleRate,
    });
  }
  if (!Array.isArray(clip.channels) || clip.channels.length === 0) {
    throw new ManyViewsError('AUDIO_INVALID_CLIP', `${where}: the clip has no channels`, {
      expected: 'a non-empty array of Float32Array',
      received: clip.channels,
    });
  }
  const length = clip.channels[0].length;
  for (const channel of clip.channels) {
    if (!(channel instanceof Float32Array) || channel.length !== length) {
      throw new ManyViewsError(
        'AUDIO_INVALID_CLIP',
        `${where}: channels differ in type or length`,
        {
          expected: `Float32Array channels of length ${length}`,
          received: channel,
        },
      );
    }
  }
}

/** The number of samples in each channel of `clip`. */
export function clipLength(clip: AudioClip): number {
  return clip.channels[0].length;
}

/** The duration of `clip` in seconds. */
export function clipDuration(clip: AudioClip): number {
  return clipLength(clip) / clip.sampleRate;
}

/**
 * Applies `fn` to every channel and returns a new clip with the results.
 *
 * @param clip the input, checked with {@link assertClip}
 * @param where the caller, for error messages
 * @param fn maps one channel (and its index) to a new array; must not modify its input
 * @param sampleRate the rate of the result; default the input's
 */
export function mapChannels(
  clip: AudioClip,
  where: string,
  fn: (channel: Float32Array, index: number) => Float32Array,
  sampleRate = clip.sampleRate,
): AudioClip {
  assertClip(clip, where);
  return { sampleRate, channels: clip.channels.map((channel, i) => fn(channel, i)) };
}

/**
 * The average of the channels, as one array (the channel itself when the clip is mono).
 *
 * @param clip a valid clip
 * @returns a `Float32Array` of {@link clipLength} samples
 */
export function mixToMono(clip: AudioClip): Float32Array {
  if (clip.channels.length === 1) return clip.channels[0];
  const n = clipLength(clip);
  const out = new Float32Array(n);
  const scale = 1 / clip.channels.length;
  for (const channel of clip.channels) {
    for (let i = 0; i < n; i++) out[i] += channel[i] * scale;
  }
  return out;
}

/**
 * Mean square of all samples of all channels (signal power relative to full scale).
 *
 * @returns 0 for an empty clip
 */
export function meanSquare(clip: AudioClip): number {
  let sum = 0;
  let count = 0;
  for (const channel of clip.channels) {
    for (let i = 0; i < channel.length; i++) sum += channel[i] * channel[i];
    count += channel.length;
  }
  return count === 0 ? 0 : sum / count;
}

/** The largest absolute sample value over all channels. */
export function peakAmplitude(clip: AudioClip): number {
  let peak = 0;
  for (const channel of clip.channels) {
    for (let i = 0; i < channel.length; i++) {
      const v = Math.abs(channel[i]);
      if (v > peak) peak = v;
    }
  }
  return peak;
}
