import { ManyViewsError } from '@manyviews/augment-core';
import { type AudioClip, assertClip } from '../clip.js';
import { WaveFile } from './wavefile.js';

/** Sample formats {@link encodeWav} writes: integer PCM of 8/16/24/32 bits, or 32-bit float. */
export type WavBitDepth = 8 | 16 | 24 | 32 | '32f';

/** Options of {@link encodeWav}. */
export interface EncodeWavOptions {
  /** Sample format; default 16 (integer PCM). */
  bitDepth?: WavBitDepth;
}

const DEPTHS: readonly WavBitDepth[] = [8, 16, 24, 32, '32f'];

/**
 * Encodes a clip as a RIFF WAV file (wavefile writes the header; more than two channels use
 * WAVE_FORMAT_EXTENSIBLE as the format requires).
 *
 * Integer depths scale by `2^(bits-1)`, round to nearest and saturate, so values outside [-1, 1)
 * are clipped; 8-bit is stored unsigned with silence at 128. `'32f'` stores the floats as they are.
 * {@link decodeWav} inverts this exactly for samples that are multiples of `2^-(bits-1)`.
 *
 * @param clip the clip (every channel is written, interleaved)
 * @param options `bitDepth`: 8, 16 (default), 24, 32 or `'32f'`
 * @returns the file's bytes
 * @throws {ManyViewsError} `AUDIO_INVALID_OPTION` for another bit depth; `AUDIO_INVALID_CLIP` for a
 *   malformed clip or a sample that is NaN or infinite
 * @example
 * await writeFile('view.wav', encodeWav(view, { bitDepth: '32f' }));
 */
export function encodeWav(clip: AudioClip, options: EncodeWavOptions = {}): Uint8Array {
  const bitDepth = options.bitDepth ?? 16;
  if (!DEPTHS.includes(bitDepth)) {
    throw new ManyViewsError('AUDIO_INVALID_OPTION', 'encodeWav: unsupported bitDepth', {
      expected: 'one of 8, 16, 24, 32, "32f"',
      received: bitDepth,
    });
  }
  assertClip(clip, 'encodeWav');
  for (const [c, channel] of clip.channels.entries()) {
    const bad = channel.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      throw new ManyViewsError(
        'AUDIO_INVALID_CLIP',
        `encodeWav: channel ${c} has a non-finite sample`,
        {
          expected: 'finite samples',
          received: `${channel[bad]} at index ${bad}`,
        },
      );
    }
  }

  const channels = clip.channels.map((channel) => quantise(channel, bitDepth));
  const wav = new WaveFile();
  wav.fromScratch(
    channels.length,
    clip.sampleRate,
    String(bitDepth),
    channels.length === 1 ? channels[0] : channels,
  );
  return wav.toBuffer();
}

function quantise(channel: Float32Array, bitDepth: WavBitDepth): ArrayLike<number> {
  if (bitDepth === '32f') return channel;

  const scale = 2 ** (bitDepth - 1);
  const out = bitDepth === 8 ? new Uint8Array(channel.length) : new Float64Array(channel.length);
  const lo = bitDepth === 8 ? 0 : -scale;
  const hi = bitDepth === 8 ? 255 : scale - 1;
  const offset = bitDepth === 8 ? 128 : 0;
  for (let i = 0; i < channel.length; i++) {
    const v = Math.round(channel[i] * scale) + offset;
    out[i] = Math.min(hi, Math.max(lo, v));
  }
  return out;
}
