import { ManyViewsError } from '@manyviews/augment-core';
import { type AudioClip, mixToMono } from '../clip.js';
import { resample } from '../dsp/resample.js';
import { WaveFile, type WaveFileInstance } from './wavefile.js';

/** Options of {@link decodeWav}. */
export interface DecodeWavOptions {
  /** Average the channels into one (default `true`); `false` keeps every channel. */
  mono?: boolean;
  /** Resample to this rate (a positive integer); default: keep the file's rate. */
  sampleRate?: number;
}

/** The fields of the `fmt ` chunk that decoding needs, as wavefile parses them. */
interface FmtChunk {
  audioFormat: number;
  numChannels: number;
  sampleRate: number;
  blockAlign: number;
  bitsPerSample: number;
  subformat: number[];
}

// WAVE format tags (Microsoft, "Multiple Channel Audio Data and WAVE Files", 2017).
const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_IEEE_FLOAT = 3;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
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
 * Reads RIFF, RIFX (big-endian) and RF64 containers through wavefile, then converts the samples
 * itself so that integer PCM of 8 (unsigned), 16, 24 and 32 bits and 32-bit IEEE float, plain or
 * as WAVE_FORMAT_EXTENSIBLE, all come out as float in [-1, 1): integers are divided by
 * `2^(bits-1)` (8-bit after removing its 128 offset). Several channels are averaged into one unless
 * `mono: false`. With `sampleRate` the clip is resampled by the windowed-sinc resampler of
 * {@link resample} (Kaiser window, 16 zero crossings, anti-alias cutoff at 0.94 of the lower
 * Nyquist frequency).
 *
 * @param bytes the whole file
 * @param options `mono` (default true), `sampleRate` (default: the file's)
 * @returns a clip with one channel (mono) or the file's channels
 * @throws {ManyViewsError} `AUDIO_DECODE_FAILED` when the bytes are not a WAV file, the header is
 *   inconsistent, the sample rate is outside {@link WAV_SAMPLE_RATES} (1 kHz to 768 kHz) or the
 *   data chunk is shorter than it says (a truncated file);
 *   `AUDIO_UNSUPPORTED_ENCODING` for compressed formats (A-law, mu-law, ADPCM, ...), 64-bit float
 *   and integer depths other than 8/16/24/32; `AUDIO_EMPTY` when the file holds no sample;
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
  const wav = parse(view);
  const fmt = wav.fmt as FmtChunk;
  const encoding = checkFormat(fmt);

  const data = (wav.data as { chunkSize: number; samples: Uint8Array }).samples;
  const declared = (wav.data as { chunkSize: number }).chunkSize;
  if (data.length < declared || data.length % fmt.blockAlign !== 0) {
    throw new ManyViewsError('AUDIO_DECODE_FAILED', 'decodeWav: the data chunk is truncated', {
      expected: `${declared} bytes of whole ${fmt.blockAlign}-byte frames`,
      received: `${data.length} bytes`,
    });
  }
  const frames = data.length / fmt.blockAlign;
  if (frames === 0) {
    throw new ManyViewsError('AUDIO_EMPTY', 'decodeWav: the file holds no samples', {
      expected: 'at least one sample frame',
      received: '0 frames',
    });
  }

  const channels = deinterleave(data, fmt, encoding, wav.container === 'RIFX');
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

function parse(bytes: Uint8Array): WaveFileInstance {
  try {
    return new WaveFile(bytes);
  } catch (cause) {
    throw new ManyViewsError(
      'AUDIO_DECODE_FAILED',
      'decodeWav: the bytes are not a readable WAV file',
      {
        expected: 'a RIFF/RIFX/RF64 WAVE file with "fmt " and "data" chunks',
        received: `${bytes.length} bytes (${(cause as Error).message})`,
        cause,
      },
    );
  }
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
  // In WAVE_FORMAT_EXTENSIBLE the real format is the first field of the sub-format GUID.
  const tag = fmt.audioFormat === WAVE_FORMAT_EXTENSIBLE ? fmt.subformat[0] : fmt.audioFormat;
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
      received: `channels ${fmt.numChannels}, sampleRate ${fmt.sampleRate}, blockAlign ${fmt.blockAlign}, ${bits} bits`,
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
  fmt: FmtChunk,
  encoding: Encoding,
  bigEndian: boolean,
): Float32Array[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const little = !bigEndian;
  const count = fmt.numChannels;
  const bytes = fmt.bitsPerSample / 8;
  const frames = data.length / fmt.blockAlign;
  const channels = Array.from({ length: count }, () => new Float32Array(frames));

  const read = sampleReader(view, fmt.bitsPerSample, encoding, little);
  for (let f = 0; f < frames; f++) {
    const base = f * fmt.blockAlign;
    for (let c = 0; c < count; c++) channels[c][f] = read(base + c * bytes);
  }
  return channels;
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
