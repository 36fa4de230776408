import { gunzipSync } from 'node:zlib';
import { ManyViewsError } from '@manyviews/augment-core';

/** A decoded IDX array (the format of MNIST and Fashion-MNIST): unsigned bytes and their shape. */
export interface IdxArray {
  /** e.g. `[60000, 28, 28]` for images, `[60000]` for labels. */
  shape: number[];
  data: Uint8Array;
}

/**
 * Parses an IDX file, gzipped or not (detected by the gzip magic bytes).
 *
 * Layout (LeCun's MNIST page): two zero bytes, a type byte (0x08 = unsigned byte, the only type
 * the Fashion-MNIST files use), a dimension count, then that many big-endian uint32 sizes and the
 * data in row-major order.
 *
 * @param bytes the file's contents
 * @param source a name for error messages (the path)
 * @throws {ManyViewsError} `DATASET_CORRUPT` for a bad header, an unsupported type or a size that
 *   does not match the header
 */
export function parseIdx(bytes: Uint8Array, source = 'IDX data'): IdxArray {
  const raw = isGzip(bytes) ? gunzip(bytes, source) : bytes;
  if (raw.length < 4 || raw[0] !== 0 || raw[1] !== 0) {
    throw new ManyViewsError('DATASET_CORRUPT', `${source} is not an IDX file`, {
      expected: 'a header starting with two zero bytes',
      received: raw.subarray(0, 4),
    });
  }
  if (raw[2] !== 0x08) {
    throw new ManyViewsError('DATASET_CORRUPT', `${source} holds an unsupported IDX type`, {
      expected: 'type 0x08 (unsigned byte)',
      received: `0x${raw[2].toString(16)}`,
    });
  }

  const dims = raw[3];
  const headerSize = 4 + dims * 4;
  if (dims === 0 || raw.length < headerSize) {
    throw new ManyViewsError('DATASET_CORRUPT', `${source} has a truncated IDX header`, {
      expected: `${headerSize} header bytes`,
      received: `${raw.length} bytes`,
    });
  }
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const shape = Array.from({ length: dims }, (_, i) => view.getUint32(4 + i * 4, false));
  const size = shape.reduce((a, b) => a * b, 1);
  if (raw.length - headerSize !== size) {
    throw new ManyViewsError(
      'DATASET_CORRUPT',
      `${source} does not hold the data its header states`,
      {
        expected: `${size} data bytes for shape [${shape.join(', ')}]`,
        received: `${raw.length - headerSize} bytes`,
      },
    );
  }
  return { shape, data: raw.subarray(headerSize) };
}

/**
 * Encodes unsigned bytes as an uncompressed IDX file (for fixtures and user exports).
 *
 * @param shape the array's dimensions; their product must equal `data.length`
 */
export function encodeIdx(shape: number[], data: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + shape.length * 4 + data.length);
  const view = new DataView(out.buffer);
  out[2] = 0x08;
  out[3] = shape.length;
  for (const [i, n] of shape.entries()) view.setUint32(4 + i * 4, n, false);
  out.set(data, 4 + shape.length * 4);
  return out;
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function gunzip(bytes: Uint8Array, source: string): Uint8Array {
  try {
    return gunzipSync(bytes);
  } catch (cause) {
    throw new ManyViewsError('DATASET_CORRUPT', `${source} is not a complete gzip stream`, {
      cause,
    });
  }
}
