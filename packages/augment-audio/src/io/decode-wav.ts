import { ManyViewsError } from '@manyviews/augment-core';
import { type AudioClip, mixToMono } from '../clip.js';
import { resample } from '../dsp/resample.js';
import { type FmtChunk, readWavChunks } from './wav-chunks.js';

/** Options of {@link decodeWav}. */
export interface DecodeWavOptions {
  /** Average the channels into one (default `true`); `false` keeps every channel. */
  mono?: boolean;
  /** Resample to this rate (a positive integer); default: keep the file's rate. */
  sampleRate?: number;
}

// WAVE format tags (Microsoft, "Multiple Channel Audio Data and WAVE Files", 2017).
const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_IEEE_FLOAT = 3;
const FORMAT_NAMES: Record<number, string> = {
  2: 'Microsoft ADPCM',
  6: 'A-law',
  7: 'mu-law',
  17: 'IMA ADPCM',
  85: 'MPEG layer 3',
};

/**
 * Decodes a WAV file into an {@link AudioClip}.
 *
 * Reads RIFF, RIFX (big-endian) and RF64 containers (see {@link readWavChunks}: every chunk is
 * read within the size it declares), then converts the samples so that integer PCM of 8
 * (unsigned), 16, 24 and 32 bits and 32-bit IEEE float, plain or as WAVE_FORMAT_EXTENSIBLE, all
 * come out as float in [-1, 1]: integers are divided by `2^(bits-1)` (8-bit after removing its 128
 * offset); float samples past full scale are clipped to -1 or 1, as an integer file saturates. The
 * data chunk gives `floor(size / blockAlign)` frames: a trailing partial frame is dropped. Several
 * channels are averaged into one unless `mono: false`. With `sampleRate` the clip is resampled by
 * the windowed-sinc resampler of {@link resample} (Kaiser window, 16 zero crossings, anti-alias
 * cutoff at 0.94 of the lower Nyquist frequency), whose ripple can overshoot full scale slightly.
 *
 * @param bytes the whole file
 * @param options `mono` (default true), `sampleRate` (default: the file's)
 * @returns a clip with one channel (mono) or the file's channels
 * @throws {ManyViewsError} `AUDIO_DECODE_FAILED` when the bytes are not a WAV file, the header is
 *   inconsistent, the `fmt ` chunk is shorter than its format needs (16 bytes, 40 extensible), a
 *   chunk before the samples or the data chunk itself declares more bytes than the file holds (a
 *   truncated file), the sample rate is outside {@link WAV_SAMPLE_RATES} (1 kHz to 768 kHz), or a
 *   float sample is NaN or infinite (the message names the sample and channel);
 *   `AUDIO_UNSUPPORTED_ENCODING` for compressed formats (A-law, mu-law, ADPCM, ...), 64-bit float
 *   and integer depths other than 8/16/24/32; `AUDIO_EMPTY` when the file holds no whole frame;
 *   `AUDIO_INVALID_OPTION` for a bad `sampleRate`
 * @example
 * const clip = decodeWav(await readFile('yes.wav'), { sampleRate: 16000 });
 */
export function decodeWav(
  bytes: Uint8Array | ArrayBuffer,
  options: DecodeWavOptions = {},
): AudioClip {
  const mono = options.mono ?? true;
  const targetRate = options.sampleRate;
  if (targetRate !== undefined && (!Number.isInteger(targetRate) || targetRate <= 0)) {
    throw new ManyViewsError(
      'AUDIO_INVALID_OPTION',
      'decodeWav: sampleRate must be a positive integer',
      {
        expected: 'a positive integer',
        received: targetRate,
      },
    );
  }

  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const { container, fmt, data } = readWavChunks(view);
  const encoding = checkFormat(fmt);

  // A trailing partial frame is not a sample of every channel; it is dropped.
  const frames = Math.floor(data.length / fmt.blockAlign);
  if (frames === 0) {
    throw new ManyViewsError('AUDIO_EMPTY', 'decodeWav: the file holds no samples', {
      expected: 'at least one sample frame',
      received: `${data.length} bytes of ${fmt.blockAlign}-byte frames`,
    });
  }

  const channels = deinterleave(data, frames, fmt, encoding, container === 'RIFX');
  let clip: AudioClip = { sampleRate: fmt.sampleRate, channels };
  if (mono && channels.length > 1)
    clip = { sampleRate: fmt.sampleRate, channels: [mixToMono(clip)] };
  if (targetRate !== undefined && targetRate !== clip.sampleRate) {
    const from = clip.sampleRate;
    clip = {
      sampleRate: targetRate,
      channels: clip.channels.map((c) => resample(c, from, targetRate)),
    };
  }
  return clip;
}

type Encoding = 'int' | 'float';

/**
 * The sample rates {@link decodeWav} accepts, in Hz: from 1 kHz (below any speech codec's) to
 * 768 kHz (the highest rate audio interfaces offer). A header outside them is corrupt or crafted:
 * a 4 GHz rate would make a second of audio 4e9 samples, and resampling it from there nonsense.
 */
export const WAV_SAMPLE_RATES = Object.freeze({ min: 1000, max: 768_000 });

/** Resolves the format tag (through WAVE_FORMAT_EXTENSIBLE) and checks what the header claims. */
function checkFormat(fmt: FmtChunk): Encoding {
  const tag = fmt.formatTag;
  const bits = fmt.bitsPerSample;

  if (tag !== WAVE_FORMAT_PCM && tag !== WAVE_FORMAT_IEEE_FLOAT) {
    throw new ManyViewsError(
      'AUDIO_UNSUPPORTED_ENCODING',
      'decodeWav: compressed WAV is not supported',
      {
        expected: 'PCM (format 1) or IEEE float (format 3)',
        received: `format ${tag}${FORMAT_NAMES[tag] ? ` (${FORMAT_NAMES[tag]})` : ''}`,
      },
    );
  }
  const encoding: Encoding = tag === WAVE_FORMAT_PCM ? 'int' : 'float';
  const supported = encoding === 'int' ? [8, 16, 24, 32] : [32];
  if (!supported.includes(bits)) {
    throw new ManyViewsError(
      'AUDIO_UNSUPPORTED_ENCODING',
      `decodeWav: ${bits}-bit ${encoding} WAV is not supported`,
      {
        expected: encoding === 'int' ? '8, 16, 24 or 32-bit integer PCM' : '32-bit float',
        received: `${bits}-bit ${encoding}`,
      },
    );
  }

  if (
    !Number.isInteger(fmt.numChannels) ||
    fmt.numChannels < 1 ||
    fmt.blockAlign !== fmt.numChannels * (bits / 8) ||
    !(fmt.sampleRate > 0)
  ) {
    throw new ManyViewsError('AUDIO_DECODE_FAILED', 'decodeWav: the "fmt " chunk is inconsistent', {
      expected: 'channels >= 1, sampleRate > 0, blockAlign = channels * bytes per sample',
      received:
        `channels ${fmt.numChannels}, sampleRate ${fmt.sampleRate}, ` +
        `blockAlign ${fmt.blockAlign}, ${bits} bits`,
    });
  }
  const { min, max } = WAV_SAMPLE_RATES;
  if (!Number.isInteger(fmt.sampleRate) || fmt.sampleRate < min || fmt.sampleRate > max) {
    throw new ManyViewsError('AUDIO_DECODE_FAILED', 'decodeWav: the sample rate is out of range', {
      expected: `an integer rate from ${min} to ${max} Hz`,
      received: `${fmt.sampleRate} Hz`,
    });
  }
  return encoding;
}

function deinterleave(
  data: Uint8Array,
  frames: number,
  fmt: FmtChunk,
  encoding: Encoding,
  bigEndian: boolean,
): Float32Array[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const count = fmt.numChannels;
  const bytes = fmt.bitsPerSample / 8;
  const channels = Array.from({ length: count }, () => new Float32Array(frames));

  const read = sampleReader(view, fmt.bitsPerSample, encoding, !bigEndian);
  for (let f = 0; f < frames; f++) {
    const base = f * fmt.blockAlign;
    for (let c = 0; c < count; c++) channels[c][f] = read(base + c * bytes);
  }

  if (encoding === 'float') for (const [c, channel] of channels.entries()) clipFloat(channel, c);
  return channels;
}

/**
 * Holds float samples to the [-1, 1] every {@link AudioClip} promises, in place. Integer formats
 * are there by construction; a float file may hold anything, and a sample of 3e38 squared in a
 * power spectrum is Infinity, so values past full scale are clipped to it (as an integer export
 * of the file would saturate them) and NaN or Infinity is refused.
 */
function clipFloat(channel: Float32Array, c: number): void {
  for (let i = 0; i < channel.length; i++) {
    const v = channel[i];
    if (v >= -1 && v <= 1) continue;
    if (!Number.isFinite(v)) {
      throw new ManyViewsError(
        'AUDIO_DECODE_FAILED',
        `decodeWav: sample ${i} of channel ${c} is ${v}`,
        { expected: 'finite float samples', received: `${v} at sample ${i}, channel ${c}` },
      );
    }
    channel[i] = v > 1 ? 1 : -1;
  }
}

function sampleReader(
  view: DataView,
  bits: number,
  encoding: Encoding,
  little: boolean,
): (at: number) => number {
  if (encoding === 'float') return (at) => view.getFloat32(at, little);
  switch (bits) {
    case 8:
      // 8-bit WAV is unsigned with silence at 128 (the only unsigned depth in the format).
      return (at) => (view.getUint8(at) - 128) / 128;
    case 16:
      return (at) => view.getInt16(at, little) / 32768;
    case 24:
      return (at) => {
        const b0 = view.getUint8(at);
        const b1 = view.getUint8(at + 1);
        const b2 = view.getUint8(at + 2);
        const v = little ? b0 | (b1 << 8) | (b2 << 16) : b2 | (b1 << 8) | (b0 << 16);
        return ((v << 8) >> 8) / 8388608;
      };
    default:
      return (at) => view.getInt32(at, little) / 2147483648;
  }
}
