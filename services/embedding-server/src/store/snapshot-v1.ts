import { readFile } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import type { Snapshot, SnapshotCollection } from './snapshot.js';

/** The magic of the first snapshot format, read but no longer written. */
export const MAGIC_V1 = Buffer.from('MVSNAP01');

/**
 * Reads a snapshot of the first format: `MVSNAP01`, a u32 LE header length, the header JSON
 * (everything but the vectors), the vectors of each collection in order as little-endian
 * float32, then a u32 LE CRC-32 of all that precedes it.
 *
 * It reads the whole file and its header as one string, which is why it is no longer written:
 * a header past JavaScript's longest string (about 512 MiB of ids and metadata) could not be
 * built. A v1 file on disk was written whole, so its header is within that limit.
 *
 * @param corrupt builds the error for a damaged file, given why
 * @throws what `corrupt` returns, when the lengths or checksum are wrong
 */
export async function readSnapshotV1(
  file: string,
  corrupt: (why: string) => Error,
): Promise<Snapshot> {
  const bytes = await readFile(file);
  if (bytes.length < 16 || !bytes.subarray(0, 8).equals(MAGIC_V1)) throw corrupt('bad magic');
  if (crc32(bytes.subarray(0, bytes.length - 4)) >>> 0 !== bytes.readUInt32LE(bytes.length - 4)) {
    throw corrupt('checksum mismatch');
  }

  const headerLength = bytes.readUInt32LE(8);
  const header = JSON.parse(bytes.subarray(12, 12 + headerLength).toString('utf8')) as Omit<
    Snapshot,
    'collections'
  > & { collections: Array<Omit<SnapshotCollection, 'vectors'>> };
  let offset = 12 + headerLength;
  const collections = header.collections.map((c) => {
    const n = c.ids.length * c.dim;
    // Copied out: a Float32Array view needs 4-byte alignment, which the offset may lack.
    const vectors = new Float32Array(n);
    Buffer.from(vectors.buffer).set(bytes.subarray(offset, offset + n * 4));
    offset += n * 4;
    return { ...c, vectors };
  });
  if (offset !== bytes.length - 4) throw corrupt('length mismatch');
  return { lsn: header.lsn, walGen: header.walGen, collections };
}
