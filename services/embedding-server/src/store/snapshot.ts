import { open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { ManyViewsError } from '@manyviews/augment-core';
import type { Metadata } from './metadata-filter.js';

const MAGIC = Buffer.from('MVSNAP01');

/** One collection as a snapshot holds it. */
export interface SnapshotCollection {
  name: string;
  model: string;
  modelVersion: string;
  dim: number;
  createdAt: string;
  ids: string[];
  metadata: Metadata[];
  versions: string[];
  /** ids.length x dim, row-major, unit rows. */
  vectors: Float32Array;
}

/** The whole store at one log sequence number. */
export interface Snapshot {
  /** Every log record up to and including this one is in the snapshot. */
  lsn: number;
  /** The first log generation not folded in; older log files may be deleted. */
  walGen: number;
  collections: SnapshotCollection[];
}

/**
 * Writes a snapshot atomically: to a temporary file, fsync, rename over the old one, then fsync
 * the directory so the rename itself survives a power cut (rename(2) is atomic, but only a sync
 * of the directory makes it durable; see fsync(2), "Calling fsync() does not necessarily ensure
 * that the entry in the directory containing the file has also reached disk").
 *
 * Layout: `MVSNAP01`, a u32 LE header length, the header JSON (everything but the vectors), the
 * vectors of each collection in order as little-endian float32, then a u32 LE CRC-32 of all that
 * precedes it.
 */
export async function writeSnapshot(file: string, snapshot: Snapshot): Promise<void> {
  const header = Buffer.from(
    JSON.stringify({
      lsn: snapshot.lsn,
      walGen: snapshot.walGen,
      collections: snapshot.collections.map(({ vectors: _, ...rest }) => rest),
    }),
  );
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  const parts = [MAGIC, length, header, ...snapshot.collections.map((c) => bytesOf(c.vectors))];
  let crc = 0;
  // Empty parts are skipped: Node 20's zlib.crc32 returns 0, whatever the running value, for a
  // view of an empty ArrayBuffer, which zeroed the checksum of a store with an empty collection.
  for (const p of parts) if (p.length > 0) crc = crc32(p, crc);
  const tail = Buffer.alloc(4);
  tail.writeUInt32LE(crc >>> 0);

  const tmp = `${file}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    for (const p of [...parts, tail]) await handle.write(p);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
  const dir = await open(path.dirname(file), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/**
 * Reads a snapshot written by {@link writeSnapshot}.
 *
 * @returns the snapshot, or undefined when the file does not exist
 * @throws {ManyViewsError} `STORE_CORRUPT` when the magic, lengths or checksum are wrong
 */
export async function readSnapshot(file: string): Promise<Snapshot | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }

  const corrupt = (why: string) =>
    new ManyViewsError('STORE_CORRUPT', `${file} is not a readable snapshot: ${why}`, {
      expected: 'a snapshot written by this server; restore the store directory from a backup',
    });
  if (bytes.length < 16 || !bytes.subarray(0, 8).equals(MAGIC)) throw corrupt('bad magic');
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

function bytesOf(v: Float32Array): Buffer {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}
