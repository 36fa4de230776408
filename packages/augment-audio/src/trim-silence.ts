import { ManyViewsError } from '@manyviews/augment-core';
import { type AudioClip, assertClip, peakAmplitude } from './clip.js';

/** Options of {@link trimSilence}. */
export interface TrimSilenceOptions {
  /** Level below the clip's peak, in dB, under which a sample counts as silence; in [-120, 0]; default -40. */
  thresholdDb?: number;
  /** Seconds of the quiet edge kept on each side, >= 0; default 0.02. */
  marginSeconds?: number;
}

/**
 * Cuts leading and trailing silence: keeps from the first to the last sample (over all channels)
 * whose magnitude reaches `thresholdDb` below the peak, plus `marginSeconds` each side. Speech
 * synthesisers and recorders pad words with silence of varying length; trimming first lets a
 * later `cropOrPad` place the word itself at random. A silent clip is returned unchanged.
 *
 * @param clip the clip (not modified)
 * @param options `thresholdDb` (-40), `marginSeconds` (0.02)
 * @returns a new clip, a shorter window of the input
 * @throws {ManyViewsError} `AUDIO_INVALID_OPTION` for options out of range; `AUDIO_INVALID_CLIP`
 */
export function trimSilence(clip: AudioClip, options: TrimSilenceOptions = {}): AudioClip {
  assertClip(clip, 'trimSilence');
  const thresholdDb = options.thresholdDb ?? -40;
  const margin = options.marginSeconds ?? 0.02;
  if (!(thresholdDb >= -120 && thresholdDb <= 0) || !(margin >= 0)) {
    throw new ManyViewsError('AUDIO_INVALID_OPTION', 'trimSilence: option out of range', {
      expected: 'thresholdDb in [-120, 0] and marginSeconds >= 0',
      received: [thresholdDb, margin],
    });
  }

  const peak = peakAmplitude(clip);
  const n = clip.channels[0].length;
  if (peak === 0)
    return { sampleRate: clip.sampleRate, channels: clip.channels.map((c) => c.slice()) };
  const level = peak * 10 ** (thresholdDb / 20);
  let first = n;
  let last = -1;
  for (const channel of clip.channels) {
    for (let i = 0; i < n; i++) {
      if (Math.abs(channel[i]) >= level) {
        first = Math.min(first, i);
        break;
      }
    }
    for (let i = n - 1; i >= 0; i--) {
      if (Math.abs(channel[i]) >= level) {
        last = Math.max(last, i);
        break;
      }
    }
  }

  const pad = Math.round(margin * clip.sampleRate);
  const from = Math.max(0, first - pad);
  const to = Math.min(n, last + 1 + pad);
  return { sampleRate: clip.sampleRate, channels: clip.channels.map((c) => c.slice(from, to)) };
}
