import { ManyViewsError } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import type { AudioClip } from '../clip.js';
import { sine, zeroCrossingFrequency } from '../test-signals.js';
import { decodeWav, WAV_SAMPLE_RATES } from './decode-wav.js';
import { encodeWav, type WavBitDepth } from './encode-wav.js';
import { WaveFile } from './wavefile.js';

/** A clip whose samples are exact at `bits` of resolution, so a round trip must be lossless. */
function exactClip(channels: number, bits: number, length = 64): AudioClip {
  const step = 2 ** -(bits - 1);
  return {
    sampleRate: 8000,
    channels: Array.from({ length: channels }, (_, c) => {
      const out = new Float32Array(length);
      for (let i = 0; i < length; i++) {
        // A ramp from -1 towards 1 in whole steps, different per channel.
        const k =
          Math.round(((i * 37 + c * 11) % 256) * (2 / 256) * 2 ** (bits - 1)) - 2 ** (bits - 1);
        out[i] = k * step;
      }
      return out;
    }),
  };
}

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof ManyViewsError ? e.code : `untyped: ${String(e)}`;
  }
  return undefined;
}

const DEPTHS: Array<[WavBitDepth, number]> = [
  [8, 8],
  [16, 16],
  [24, 24],
  [32, 24], // 32-bit integer, tested with values a float32 holds exactly
  ['32f', 24],
];

describe('decodeWav / encodeWav', () => {
  for (const [depth, bits] of DEPTHS) {
    for (const channels of [1, 2, 3]) {
      it(`round-trips ${depth}-bit audio with ${channels} channel(s)`, () => {
        const clip = exactClip(channels, bits);
        const bytes = encodeWav(clip, { bitDepth: depth });
        const back = decodeWav(bytes, { mono: false });
        expect(back.sampleRate).toBe(8000);
        expect(back.channels.length).toBe(channels);
        for (let c = 0; c < channels; c++) expect(back.channels[c]).toEqual(clip.channels[c]);
      });
    }
  }

  it('reads files that wavefile writes (integer values of each depth)', () => {
    const wav = new WaveFile();
    wav.fromScratch(2, 11025, '24', [
      [8388607, -8388608, 0],
      [1, -1, 4194304],
    ]);
    const clip = decodeWav(wav.toBuffer(), { mono: false });
    expect(Array.from(clip.channels[0])).toEqual([8388607 / 8388608, -1, 0]);
    expect(Array.from(clip.channels[1])).toEqual([1 / 8388608, -1 / 8388608, 0.5]);
  });

  it('reads big-endian RIFX files', () => {
    const cases: Array<[string, number[]]> = [
      ['16', [16384, -8192]],
      ['24', [4194304, -2097152]],
      ['32', [1073741824, -536870912]],
      ['32f', [0.5, -0.25]],
    ];
    for (const [depth, values] of cases) {
      const wav = new WaveFile();
      wav.fromScratch(1, 8000, depth, values, { container: 'RIFX' });
      expect(Array.from(decodeWav(wav.toBuffer()).channels[0])).toEqual([0.5, -0.25]);
    }
  });

  it('mixes channels to mono by default', () => {
    const clip = {
      sampleRate: 8000,
      channels: [new Float32Array([0.5, -0.5]), new Float32Array([0, 0.25])],
    };
    const mono = decodeWav(encodeWav(clip, { bitDepth: '32f' }));
    expect(mono.channels.length).toBe(1);
    expect(Array.from(mono.channels[0])).toEqual([0.25, -0.125]);
  });

  it('reads 32-bit float in WAVE_FORMAT_EXTENSIBLE, which wavefile alone reads as integers', () => {
    const samples = new Float32Array([0.25, -0.5, 0.75]);
    const header = new ArrayBuffer(68);
    const v = new DataView(header);
    const ascii = (at: number, s: string) => {
      for (let i = 0; i < s.length; i++) v.setUint8(at + i, s.charCodeAt(i));
    };
    ascii(0, 'RIFF');
    v.setUint32(4, 60 + samples.byteLength, true);
    ascii(8, 'WAVE');
    ascii(12, 'fmt ');
    v.setUint32(16, 40, true);
    v.setUint16(20, 0xfffe, true);
    v.setUint16(22, 1, true); // channels
    v.setUint32(24, 16000, true);
    v.setUint32(28, 16000 * 4, true);
    v.setUint16(32, 4, true); // block align
    v.setUint16(34, 32, true);
    v.setUint16(36, 22, true); // cbSize
    v.setUint16(38, 32, true); // valid bits
    v.setUint32(40, 4, true); // channel mask: front centre
    // KSDATAFORMAT_SUBTYPE_IEEE_FLOAT: 00000003-0000-0010-8000-00aa00389b71
    v.setUint32(44, 3, true);
    v.setUint16(48, 0, true);
    v.setUint16(50, 0x10, true);
    for (const [i, b] of [0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71].entries()) {
      v.setUint8(52 + i, b);
    }
    ascii(60, 'data');
    v.setUint32(64, samples.byteLength, true);
    const bytes = new Uint8Array(68 + samples.byteLength);
    bytes.set(new Uint8Array(header), 0);
    bytes.set(new Uint8Array(samples.buffer), 68);
    expect(Array.from(decodeWav(bytes).channels[0])).toEqual([0.25, -0.5, 0.75]);
  });

  it('resamples to the rate asked and keeps a sine at its frequency', () => {
    const tone = sine(440, 0.5, 22050);
    const clip = decodeWav(encodeWav(tone, { bitDepth: '32f' }), { sampleRate: 16000 });
    expect(clip.sampleRate).toBe(16000);
    expect(clip.channels[0].length).toBe(8000);
    expect(zeroCrossingFrequency(clip.channels[0], 16000)).toBeCloseTo(440, 1);
  });

  it('rejects truncated and malformed files with AUDIO_DECODE_FAILED', () => {
    const bytes = encodeWav(exactClip(2, 16, 100), { bitDepth: 16 });
    expect(errorCode(() => decodeWav(bytes.slice(0, bytes.length - 10)))).toBe(
      'AUDIO_DECODE_FAILED',
    );
    expect(errorCode(() => decodeWav(bytes.slice(0, bytes.length - 1)))).toBe(
      'AUDIO_DECODE_FAILED',
    );
    expect(errorCode(() => decodeWav(bytes.slice(0, 30)))).toBe('AUDIO_DECODE_FAILED');
    expect(errorCode(() => decodeWav(new Uint8Array(0)))).toBe('AUDIO_DECODE_FAILED');
    expect(
      errorCode(() => decodeWav(new TextEncoder().encode('not a wav file at all, sorry'))),
    ).toBe('AUDIO_DECODE_FAILED');
    const badAlign = bytes.slice();
    new DataView(badAlign.buffer).setUint16(32, 3, true); // block align no longer channels * 2
    expect(errorCode(() => decodeWav(badAlign))).toBe('AUDIO_DECODE_FAILED');
  });

  it('says what was received when a file is truncated', () => {
    const bytes = encodeWav(exactClip(1, 16, 10));
    expect(() => decodeWav(bytes.slice(0, bytes.length - 4))).toThrow(
      /truncated .*received "16 bytes"/,
    );
  });

  it('rejects A-law, mu-law and 64-bit float with AUDIO_UNSUPPORTED_ENCODING', () => {
    const alaw = new WaveFile();
    alaw.fromScratch(1, 8000, '16', [0, 1000, -1000, 0]);
    alaw.toALaw();
    expect(errorCode(() => decodeWav(alaw.toBuffer()))).toBe('AUDIO_UNSUPPORTED_ENCODING');
    expect(() => decodeWav(alaw.toBuffer())).toThrow(/A-law/);

    const double = new WaveFile();
    double.fromScratch(1, 8000, '64', [0, 0.5]);
    expect(errorCode(() => decodeWav(double.toBuffer()))).toBe('AUDIO_UNSUPPORTED_ENCODING');

    const mulaw = new WaveFile();
    mulaw.fromScratch(1, 8000, '16', [0, 1000, -1000, 0]);
    mulaw.toMuLaw();
    expect(() => decodeWav(mulaw.toBuffer())).toThrow(/mu-law/);
  });

  it('rejects a file without samples with AUDIO_EMPTY', () => {
    const empty = encodeWav({ sampleRate: 8000, channels: [new Float32Array(0)] });
    expect(errorCode(() => decodeWav(empty))).toBe('AUDIO_EMPTY');
  });

  it('saturates out-of-range samples and rejects non-finite ones when encoding', () => {
    const loud = { sampleRate: 8000, channels: [new Float32Array([2, -2, 0.5])] };
    expect(Array.from(decodeWav(encodeWav(loud)).channels[0])).toEqual([32767 / 32768, -1, 0.5]);
    const bad = { sampleRate: 8000, channels: [new Float32Array([0, Number.NaN])] };
    expect(errorCode(() => encodeWav(bad))).toBe('AUDIO_INVALID_CLIP');
    expect(errorCode(() => encodeWav(loud, { bitDepth: 12 as WavBitDepth }))).toBe(
      'AUDIO_INVALID_OPTION',
    );
  });
});

describe('decodeWav sample rates', () => {
  function withRate(rate: number): Uint8Array {
    const bytes = encodeWav({ sampleRate: 16000, channels: [new Float32Array(64).fill(0.25)] });
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    view.setUint32(24, rate, true);
    view.setUint32(28, (rate * 2) >>> 0, true);
    return bytes;
  }

  it.each([4_000_000_000, 768_001, 999, 1])(
    'refuses a %d Hz header as AUDIO_DECODE_FAILED',
    (rate) => {
      expect(() => decodeWav(withRate(rate))).toThrow(
        expect.objectContaining({
          code: 'AUDIO_DECODE_FAILED',
          message: expect.stringMatching(
            /sample rate is out of range.*1000 to 768000 Hz.*received/,
          ),
        }),
      );
    },
  );

  it.each([WAV_SAMPLE_RATES.min, 8000, WAV_SAMPLE_RATES.max])('reads %d Hz', (rate) => {
    expect(decodeWav(withRate(rate)).sampleRate).toBe(rate);
  });
});

/** A WAVE file from its chunks: each `[id, body, declared size (default: the body's)]`. */
function wavFile(
  chunks: Array<[string, Uint8Array, number?]>,
  container: 'RIFF' | 'RF64' = 'RIFF',
): Uint8Array {
  const parts: number[] = [];
  const ascii = (s: string) => {
    for (const ch of s) parts.push(ch.charCodeAt(0));
  };
  const u32 = (n: number) => parts.push(n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24);
  for (const [id, body, declared] of chunks) {
    ascii(id);
    u32(declared ?? body.length);
    parts.push(...body);
    if (body.length % 2) parts.push(0);
  }
  const head: number[] = [];
  for (const ch of `${container}\0\0\0\0WAVE`) head.push(ch.charCodeAt(0));
  return new Uint8Array([...head, ...parts]);
}

/** A 16-byte `fmt ` body: format tag, channels, rate, bits (block align follows from them). */
function fmtBody(tag: number, channels: number, rate: number, bits: number): Uint8Array {
  const v = new DataView(new ArrayBuffer(16));
  v.setUint16(0, tag, true);
  v.setUint16(2, channels, true);
  v.setUint32(4, rate, true);
  v.setUint32(8, (rate * channels * bits) / 8, true);
  v.setUint16(12, (channels * bits) / 8, true);
  v.setUint16(14, bits, true);
  return new Uint8Array(v.buffer);
}

function floats(values: number[]): Uint8Array {
  return new Uint8Array(new Float32Array(values).buffer);
}

describe('decodeWav float samples', () => {
  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    'refuses a %d sample as AUDIO_DECODE_FAILED naming the sample and its value',
    (bad) => {
      const bytes = wavFile([
        ['fmt ', fmtBody(3, 2, 8000, 32)],
        ['data', floats([0, 0.5, 0.25, -0.25, 0.1, bad])],
      ]);
      expect(() => decodeWav(bytes, { mono: false })).toThrow(
        expect.objectContaining({
          code: 'AUDIO_DECODE_FAILED',
          message: expect.stringContaining(`sample 2 of channel 1 is ${bad}`),
        }),
      );
    },
  );

  it('clips finite float samples past full scale to [-1, 1], as integer formats saturate', () => {
    const bytes = wavFile([
      ['fmt ', fmtBody(3, 1, 8000, 32)],
      ['data', floats([3e38, -3e38, 1.5, -1.0001, 0.5, 1, -1])],
    ]);
    expect(Array.from(decodeWav(bytes).channels[0])).toEqual([1, -1, 1, -1, 0.5, 1, -1]);
  });
});

describe('decodeWav chunk sizes', () => {
  const pcm = new Uint8Array(new Int16Array([16384, -8192, 4096, 0]).buffer);

  it('refuses a "fmt " chunk shorter than 16 bytes instead of reading the next chunk', () => {
    const bytes = wavFile([
      ['fmt ', fmtBody(1, 1, 8000, 16).subarray(0, 4)],
      ['data', pcm],
    ]);
    expect(() => decodeWav(bytes)).toThrow(
      expect.objectContaining({
        code: 'AUDIO_DECODE_FAILED',
        message: expect.stringMatching(/"fmt " chunk is too short.*received "4 bytes"/),
      }),
    );
  });

  it('refuses a WAVE_FORMAT_EXTENSIBLE "fmt " chunk without its 40 bytes', () => {
    const body = new Uint8Array(18);
    body.set(fmtBody(0xfffe, 1, 8000, 16));
    new DataView(body.buffer).setUint16(16, 0, true); // cbSize 0: no sub-format follows
    const bytes = wavFile([
      ['fmt ', body],
      ['data', pcm],
    ]);
    expect(errorCode(() => decodeWav(bytes))).toBe('AUDIO_DECODE_FAILED');
  });

  it('takes floor(size / blockAlign) frames of an odd data size, not its pad byte', () => {
    const samples = new Int16Array(100).map((_, i) => i * 100);
    const body = new Uint8Array(samples.buffer).subarray(0, 199);
    const bytes = wavFile([
      ['fmt ', fmtBody(1, 1, 8000, 16)],
      ['data', body],
      ['LIST', new Uint8Array(4)],
    ]);
    const clip = decodeWav(bytes);
    expect(clip.channels[0].length).toBe(99);
    expect(clip.channels[0][98]).toBe((98 * 100) / 32768);
  });

  it('honours a data size smaller than the bytes that follow it', () => {
    const bytes = wavFile([
      ['fmt ', fmtBody(1, 1, 8000, 16)],
      ['data', pcm, 4],
    ]);
    expect(Array.from(decodeWav(bytes).channels[0])).toEqual([0.5, -0.25]);
  });

  it('skips an odd-sized chunk and its pad byte before "fmt "', () => {
    const bytes = wavFile([
      ['junk', new Uint8Array(3)],
      ['fmt ', fmtBody(1, 1, 8000, 16)],
      ['data', pcm],
    ]);
    expect(decodeWav(bytes).channels[0].length).toBe(4);
  });

  it('refuses a size past the end of the file: data as truncated, any other chunk by name', () => {
    const truncated = wavFile([
      ['fmt ', fmtBody(1, 1, 8000, 16)],
      ['data', pcm, 10],
    ]);
    expect(() => decodeWav(truncated)).toThrow(/data chunk is truncated.*received "8 bytes"/);
    const longFmt = wavFile([['fmt ', fmtBody(1, 1, 8000, 16), 400]]);
    expect(() => decodeWav(longFmt)).toThrow(
      expect.objectContaining({
        code: 'AUDIO_DECODE_FAILED',
        message: expect.stringContaining('"fmt " chunk runs past the end'),
      }),
    );
  });

  it('reads an RF64 data size of 0xFFFFFFFF from the ds64 chunk', () => {
    const ds64 = new DataView(new ArrayBuffer(28));
    ds64.setUint32(8, pcm.length, true); // dataSize, low 32 bits
    const bytes = wavFile(
      [
        ['ds64', new Uint8Array(ds64.buffer)],
        ['fmt ', fmtBody(1, 1, 8000, 16)],
        ['data', pcm, 0xffffffff],
      ],
      'RF64',
    );
    expect(Array.from(decodeWav(bytes).channels[0])).toEqual([0.5, -0.25, 0.125, 0]);
  });
});
