import { ManyViewsError } from '@manyviews/augment-core';

/** The fields of the `fmt ` chunk that decoding needs. */
export interface FmtChunk {
  /** The format tag, or for WAVE_FORMAT_EXTENSIBLE the tag inside its sub-format GUID. */
  formatTag: number;
  /** True when the chunk is WAVE_FORMAT_EXTENSIBLE (the tag came from the sub-format). */
  extensible: boolean;
  numChannels: number;
  sampleRate: number;
  blockAlign: number;
  bitsPerSample: number;
}

/** What {@link readWavChunks} finds in a WAV file. */
export interface WavChunks {
  container: 'RIFF' | 'RIFX' | 'RF64';
  fmt: FmtChunk;
  /** Exactly the bytes the data chunk declares (a view into the input, not a copy). */
  data: Uint8Array;
}

const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
// Sizes of the `fmt ` chunk: WAVEFORMAT's 16 bytes, and WAVEFORMATEXTENSIBLE's 40 (16, then
// cbSize, valid bits, channel mask and the 16-byte sub-format GUID).
const FMT_MIN = 16;
const FMT_EXTENSIBLE_MIN = 40;
// RF64 (EBU Tech 3306): a 32-bit size of 0xFFFFFFFF means "see the ds64 chunk".
const RF64_SIZE_IN_DS64 = 0xffffffff;

/**
 * Walks the chunks of a RIFF, RIFX (big-endian) or RF64 WAVE file and returns its `fmt ` fields
 * and data bytes, reading every chunk within the size it declares: a `fmt ` chunk shorter than
 * 16 bytes (40 for WAVE_FORMAT_EXTENSIBLE) is refused rather than read into the next chunk, and
 * the data is exactly the declared number of bytes, never the pad byte after an odd size.
 *
 * Chunks are walked until both `fmt ` and `data` are found; what follows them is not read, so a
 * damaged trailing chunk (a cut-off LIST, say) does not matter. The container's own size field is
 * ignored, since writers often leave it wrong. In RF64 a data size of 0xFFFFFFFF is taken from
 * the `ds64` chunk.
 *
 * @param bytes the whole file
 * @throws {ManyViewsError} `AUDIO_DECODE_FAILED` when the bytes are not a WAVE file, a chunk
 *   before both `fmt ` and `data` runs past the end of the file (for `data`: the file is
 *   truncated), the `fmt ` chunk is too short for its format, or `fmt ` or `data` is missing
 */
export function readWavChunks(bytes: Uint8Array): WavChunks {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const container = fourCC(bytes, 0);
  if (
    bytes.length < 12 ||
    (container !== 'RIFF' && container !== 'RIFX' && container !== 'RF64') ||
    fourCC(bytes, 8) !== 'WAVE'
  ) {
    throw notWav(bytes, 'no RIFF/RIFX/RF64 "WAVE" header');
  }
  const little = container !== 'RIFX';

  let fmt: FmtChunk | undefined;
  let data: Uint8Array | undefined;
  let ds64DataSize: number | undefined;
  let at = 12;
  while ((fmt === undefined || data === undefined) && at + 8 <= bytes.length) {
    const id = fourCC(bytes, at);
    let size = view.getUint32(at + 4, little);
    const start = at + 8;
    if (id === 'data' && container === 'RF64' && size === RF64_SIZE_IN_DS64) {
      size = ds64DataSize ?? size;
    }
    const available = bytes.length - start;

    if (size > available) {
      if (id === 'data') {
        throw new ManyViewsError('AUDIO_DECODE_FAILED', 'decodeWav: the data chunk is truncated', {
          expected: `${size} bytes of samples`,
          received: `${available} bytes`,
        });
      }
      throw new ManyViewsError(
        'AUDIO_DECODE_FAILED',
        `decodeWav: the "${id}" chunk runs past the end of the file`,
        { expected: `${size} bytes after its header`, received: `${available} bytes` },
      );
    }
    const body = bytes.subarray(start, start + size);
    if (id === 'fmt ' && fmt === undefined) fmt = readFmt(body, little);
    else if (id === 'data' && data === undefined) data = body;
    else if (id === 'ds64' && size >= 16) {
      // riffSize (low, high), then dataSize (low, high), little-endian like the rest of RF64.
      ds64DataSize = view.getUint32(start + 8, true) + view.getUint32(start + 12, true) * 2 ** 32;
    }

    // Chunks start on even offsets: an odd size is followed by one pad byte (RIFF, 1991).
    at = start + size + (size % 2);
  }

  if (fmt === undefined || data === undefined) {
    throw notWav(bytes, `no "${fmt === undefined ? 'fmt ' : 'data'}" chunk`);
  }
  return { container, fmt, data };
}

function readFmt(body: Uint8Array, little: boolean): FmtChunk {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  if (body.length < FMT_MIN) throw shortFmt(`${FMT_MIN} bytes`, body.length);

  const tag = view.getUint16(0, little);
  const fields = {
    numChannels: view.getUint16(2, little),
    sampleRate: view.getUint32(4, little),
    blockAlign: view.getUint16(12, little),
    bitsPerSample: view.getUint16(14, little),
  };
  if (tag !== WAVE_FORMAT_EXTENSIBLE) return { formatTag: tag, extensible: false, ...fields };

  const cbSize = view.getUint16(16, little);
  if (body.length < FMT_EXTENSIBLE_MIN || cbSize < FMT_EXTENSIBLE_MIN - 18) {
    throw shortFmt(
      `${FMT_EXTENSIBLE_MIN} bytes with cbSize >= 22 for WAVE_FORMAT_EXTENSIBLE`,
      body.length,
    );
  }
  // The sub-format GUID starts at byte 24; its first field is the plain format tag.
  return { formatTag: view.getUint32(24, little), extensible: true, ...fields };
}

function shortFmt(expected: string, received: number): ManyViewsError {
  return new ManyViewsError('AUDIO_DECODE_FAILED', 'decodeWav: the "fmt " chunk is too short', {
    expected,
    received: `${received} bytes`,
  });
}

function notWav(bytes: Uint8Array, why: string): ManyViewsError {
  return new ManyViewsError(
    'AUDIO_DECODE_FAILED',
    'decodeWav: the bytes are not a readable WAV file',
    {
      expected: 'a RIFF/RIFX/RF64 WAVE file with "fmt " and "data" chunks',
      received: `${bytes.length} bytes (${why})`,
    },
  );
}

function fourCC(bytes: Uint8Array, at: number): string {
  if (at + 4 > bytes.length) return '';
  return String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
}
