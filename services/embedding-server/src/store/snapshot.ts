import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { ManyViewsError } from '@manyviews/augment-core';
import type { Metadata } from './metadata-filter.js';
import { MAGIC_V1, readSnapshotV1 } from './snapshot-v1.js';

const MAGIC = Buffer.from('MVSNAP02');
const MAGIC_FAMILY = 'MVSNAP';

/** Bytes of rows a snapshot frame holds at most by default (4 MiB). */
export const DEFAULT_CHUNK_BYTES = 4 << 20;

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

/** Options of {@link writeSnapshot} and {@link readSnapshot}. */
export interface SnapshotOptions {
  /**
   * Most bytes of rows per frame (default {@link DEFAULT_CHUNK_BYTES}); a single row larger
   * than this gets a frame of its own. Reading needs no setting: frames carry their length.
   */
  chunkBytes?: number;
}

type Header = Omit<Snapshot, 'collections'> & {
  collections: Array<Omit<SnapshotCollection, 'ids' | 'metadata' | 'versions' | 'vectors'>>;
  counts: number[];
};

/**
 * Writes a snapshot atomically: to a temporary file, fsync, rename over the old one, then fsync
 * the directory so the rename itself survives a power cut (rename(2) is atomic, but only a sync
 * of the directory makes it durable; see fsync(2), "Calling fsync() does not necessarily ensure
 * that the entry in the directory containing the file has also reached disk"). A failed write
 * removes its temporary file and leaves the old snapshot as it was.
 *
 * The file is written in frames of at most `chunkBytes` of rows, so the store's size is bounded
 * by the disk, not by JavaScript's longest string (about 512 MiB, which ids and metadata such as
 * data-URL thumbnails pass at some 27,000 items of 20 KB). Layout: `MVSNAP02`, then frames of
 * a u32 LE payload length, the payload, and a u32 LE CRC-32 of the payload. The first payload is
 * the header JSON (lsn, walGen, each collection's description and row count); then each
 * collection's rows in order, a frame holding a u32 LE row count, those rows' vectors as
 * little-endian float32, and one JSON line `[id, modelVersion, metadata]` per row; last an
 * empty frame, so that a cut file is told from a whole one.
 *
 * @throws the file system's error when the file cannot be written
 */
export async function writeSnapshot(
  file: string,
  snapshot: Snapshot,
  options: SnapshotOptions = {},
): Promise<void> {
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const tmp = `${file}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.write(MAGIC);
    for (const payload of snapshotPayloads(snapshot, chunkBytes)) {
      await handle.write(frame(payload));
    }
    await handle.write(frame(Buffer.alloc(0)));
    await handle.sync();
  } catch (e) {
    await handle.close().catch(() => {});
    await unlink(tmp).catch(() => {});
    throw e;
  }
  await handle.close();

  await rename(tmp, file);
  const dir = await open(path.dirname(file), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/**
 * The payloads of a snapshot's frames, header first, each built on its own so that no string
 * or buffer past one frame (or one row, if larger) is ever held.
 */
function* snapshotPayloads(snapshot: Snapshot, chunkBytes: number): Generator<Buffer> {
  const header: Header = {
    lsn: snapshot.lsn,
    walGen: snapshot.walGen,
    collections: snapshot.collections.map(
      ({ ids: _i, metadata: _m, versions: _v, vectors: _x, ...info }) => info,
    ),
    counts: snapshot.collections.map((c) => c.ids.length),
  };
  yield Buffer.from(JSON.stringify(header));

  for (const c of snapshot.collections) {
    const rowBytes = c.dim * 4;
    let first = 0;
    let lines: Buffer[] = [];
    let bytes = 0;
    for (let row = 0; row < c.ids.length; row++) {
      const line = Buffer.from(
        `${JSON.stringify([c.ids[row], c.versions[row], c.metadata[row]])}\n`,
      );
      if (lines.length > 0 && bytes + line.length + rowBytes > chunkBytes) {
        yield rowsPayload(c, first, lines);
        first = row;
        lines = [];
        bytes = 0;
      }
      lines.push(line);
      bytes += line.length + rowBytes;
    }
    if (lines.length > 0) yield rowsPayload(c, first, lines);
  }
}

function rowsPayload(c: SnapshotCollection, first: number, lines: Buffer[]): Buffer {
  const count = Buffer.alloc(4);
  count.writeUInt32LE(lines.length);
  const v = c.vectors.subarray(first * c.dim, (first + lines.length) * c.dim);
  return Buffer.concat([count, Buffer.from(v.buffer, v.byteOffset, v.byteLength), ...lines]);
}

function frame(payload: Buffer): Buffer {
  const out = Buffer.alloc(payload.length + 8);
  out.writeUInt32LE(payload.length, 0);
  payload.copy(out, 4);
  // Node 20's zlib.crc32 of an empty view is 0 whatever the start value; 0 is also its CRC.
  out.writeUInt32LE(payload.length > 0 ? crc32(payload) >>> 0 : 0, payload.length + 4);
  return out;
}

/**
 * Reads a snapshot written by {@link writeSnapshot}, frame by frame, or one of the first format
 * (`MVSNAP01`, see {@link readSnapshotV1}); the next compaction rewrites that in the current one.
 *
 * @returns the snapshot, or undefined when the file does not exist
 * @throws {ManyViewsError} `STORE_CORRUPT` when the magic, a length, a checksum or a row count is
 *   wrong; `STORE_UNSUPPORTED` for a snapshot of a newer format than this server reads
 */
export async function readSnapshot(file: string): Promise<Snapshot | undefined> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }

  const corrupt = (why: string) =>
    new ManyViewsError('STORE_CORRUPT', `${file} is not a readable snapshot: ${why}`, {
      expected: 'a snapshot written by this server; restore the store directory from a backup',
    });
  try {
    const frames = new FrameReader(handle, (await handle.stat()).size, corrupt);
    const magic = await frames.exactly(8);
    if (magic.equals(MAGIC)) return await readFrames(frames, corrupt);
    if (magic.equals(MAGIC_V1)) return await readSnapshotV1(file, corrupt);
    if (magic.subarray(0, 6).toString('latin1') === MAGIC_FAMILY) {
      throw new ManyViewsError('STORE_UNSUPPORTED', `${file} is a snapshot of a newer format`, {
        expected: `format ${MAGIC.toString('latin1')} or older; run a newer server`,
        received: magic.toString('latin1'),
      });
    }
    throw corrupt('bad magic');
  } finally {
    await handle.close();
  }
}

async function readFrames(frames: FrameReader, corrupt: (why: string) => Error): Promise<Snapshot> {
  let header: Header;
  try {
    header = JSON.parse((await frames.next()).toString('utf8')) as Header;
  } catch (e) {
    throw e instanceof ManyViewsError ? e : corrupt('unreadable header');
  }

  const collections = [];
  for (const [i, info] of header.collections.entries()) {
    const count = header.counts[i];
    const c: SnapshotCollection = {
      ...info,
      ids: [],
      metadata: [],
      versions: [],
      vectors: new Float32Array(count * info.dim),
    };
    const vectorBytes = Buffer.from(c.vectors.buffer);
    while (c.ids.length < count) {
      const payload = await frames.next();
      if (payload.length < 4) throw corrupt(`collection ${c.name} ends early`);
      const rows = payload.readUInt32LE(0);
      const end = 4 + rows * c.dim * 4;
      if (rows === 0 || c.ids.length + rows > count || end > payload.length) {
        throw corrupt(`collection ${c.name} has a bad row frame`);
      }
      vectorBytes.set(payload.subarray(4, end), c.ids.length * c.dim * 4);
      readRows(payload.subarray(end), rows, c, corrupt);
    }
    collections.push(c);
  }

  if ((await frames.next()).length !== 0 || !frames.atEnd) throw corrupt('length mismatch');
  return { lsn: header.lsn, walGen: header.walGen, collections };
}

/** Parses a frame's JSON lines, one at a time, into the collection's ids, versions, metadata. */
function readRows(
  text: Buffer,
  rows: number,
  c: SnapshotCollection,
  corrupt: (why: string) => Error,
): void {
  let offset = 0;
  for (let row = 0; row < rows; row++) {
    const end = text.indexOf(0x0a, offset);
    if (end === -1) throw corrupt(`collection ${c.name} has too few rows in a frame`);
    const [id, version, metadata] = JSON.parse(text.subarray(offset, end).toString('utf8')) as [
      string,
      string,
      Metadata,
    ];
    c.ids.push(id);
    c.versions.push(version);
    c.metadata.push(metadata);
    offset = end + 1;
  }
  if (offset !== text.length) throw corrupt(`collection ${c.name} has a bad row frame`);
}

/** Reads a snapshot's frames in order, each checked against its length and CRC. */
class FrameReader {
  private position = 0;

  constructor(
    private readonly handle: FileHandle,
    private readonly size: number,
    private readonly corrupt: (why: string) => Error,
  ) {}

  get atEnd(): boolean {
    return this.position === this.size;
  }

  /** The next `n` bytes of the file. */
  async exactly(n: number): Promise<Buffer> {
    if (this.position + n > this.size) throw this.corrupt('the file is cut short');
    const out = Buffer.alloc(n);
    let filled = 0;
    while (filled < n) {
      const { bytesRead } = await this.handle.read(out, filled, n - filled, this.position + filled);
      if (bytesRead === 0) throw this.corrupt('the file is cut short');
      filled += bytesRead;
    }
    this.position += n;
    return out;
  }

  /** The next frame's payload, once its CRC matched. */
  async next(): Promise<Buffer> {
    const length = (await this.exactly(4)).readUInt32LE(0);
    const payload = await this.exactly(length);
    const crc = (await this.exactly(4)).readUInt32LE(0);
    if ((payload.length > 0 ? crc32(payload) >>> 0 : 0) !== crc) {
      throw this.corrupt('checksum mismatch');
    }
    return payload;
  }
}
