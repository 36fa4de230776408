import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readSnapshot, type Snapshot, writeSnapshot } from './snapshot.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mv-snap-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

/** A store of `n` items of `dim` values, each with `metaBytes` of thumbnail-like metadata. */
function bigSnapshot(n: number, dim: number, metaBytes: number): Snapshot {
  const vectors = new Float32Array(n * dim);
  for (let i = 0; i < vectors.length; i++) vectors[i] = Math.sin(i);
  const pixel = 'iVBORw0KGgo'.repeat(Math.ceil(metaBytes / 11)).slice(0, metaBytes);
  return {
    lsn: 42,
    walGen: 7,
    collections: [
      {
        name: 'shoes',
        model: 'm',
        modelVersion: 'v1',
        dim,
        createdAt: '2024-01-01T00:00:00.000Z',
        ids: Array.from({ length: n }, (_, i) => `item-${i}`),
        metadata: Array.from({ length: n }, (_, i) => ({
          i,
          thumbnail: `data:image/png;base64,${i}${pixel}`,
        })),
        versions: Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 'v0' : 'v1')),
        vectors,
      },
      {
        name: 'empty',
        model: 'm',
        modelVersion: 'v1',
        dim: 3,
        createdAt: '2024-01-01T00:00:00.000Z',
        ids: [],
        metadata: [],
        versions: [],
        vectors: new Float32Array(0),
      },
    ],
  };
}

/** The payload lengths of a v2 file's frames. */
function frameLengths(bytes: Buffer): number[] {
  const lengths: number[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32LE(at);
    lengths.push(length);
    at += length + 8;
  }
  return lengths;
}

describe('writeSnapshot and readSnapshot', () => {
  it('round-trip many items with large metadata through small frames', async () => {
    const file = path.join(dir, 'snapshot.bin');
    const snapshot = bigSnapshot(3000, 16, 2000);
    await writeSnapshot(file, snapshot, { chunkBytes: 64 * 1024 });

    expect(await readSnapshot(file)).toEqual(snapshot);
    const lengths = frameLengths(await readFile(file));
    // Header, about 6 MB of rows in frames of at most 64 KiB, the empty end frame.
    expect(lengths.length).toBeGreaterThan(90);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(64 * 1024);
    expect(lengths.at(-1)).toBe(0);
  });

  it('builds no string longer than a frame, writing or reading', async () => {
    const file = path.join(dir, 'snapshot.bin');
    const snapshot = bigSnapshot(500, 8, 3000);
    const chunkBytes = 16 * 1024;
    const total = snapshot.collections[0].metadata.reduce(
      (n, m) => n + JSON.stringify(m).length,
      0,
    );
    expect(total).toBeGreaterThan(50 * chunkBytes);

    const stringify = vi.spyOn(JSON, 'stringify');
    await writeSnapshot(file, snapshot, { chunkBytes });
    const written = stringify.mock.results.map((r) => (r.value as string).length);
    stringify.mockRestore();
    expect(written.length).toBeGreaterThan(500);
    expect(Math.max(...written)).toBeLessThanOrEqual(chunkBytes);

    const decode = vi.spyOn(Buffer.prototype, 'toString');
    const parse = vi.spyOn(JSON, 'parse');
    const back = await readSnapshot(file);
    const read = [
      ...decode.mock.results.map((r) => (r.value as string).length),
      ...parse.mock.calls.map(([text]) => text.length),
    ];
    decode.mockRestore();
    parse.mockRestore();
    expect(back).toEqual(snapshot);
    expect(Math.max(...read)).toBeLessThanOrEqual(chunkBytes);
  });

  it('gives a row larger than a frame a frame of its own', async () => {
    const file = path.join(dir, 'snapshot.bin');
    const snapshot = bigSnapshot(5, 4, 10_000);
    await writeSnapshot(file, snapshot, { chunkBytes: 1024 });

    expect(await readSnapshot(file)).toEqual(snapshot);
    // Header, one frame per row, the end frame.
    expect(frameLengths(await readFile(file))).toHaveLength(7);
  });

  it('reads a snapshot of the first format (MVSNAP01)', async () => {
    const file = path.join(dir, 'snapshot.bin');
    const snapshot = bigSnapshot(10, 4, 50);
    const header = Buffer.from(
      JSON.stringify({
        lsn: snapshot.lsn,
        walGen: snapshot.walGen,
        collections: snapshot.collections.map(({ vectors: _, ...rest }) => rest),
      }),
    );
    const length = Buffer.alloc(4);
    length.writeUInt32LE(header.length);
    const v = snapshot.collections[0].vectors;
    const body = Buffer.concat([
      Buffer.from('MVSNAP01'),
      length,
      header,
      Buffer.from(v.buffer, v.byteOffset, v.byteLength),
    ]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32LE(crc32(body) >>> 0);
    await writeFile(file, Buffer.concat([body, crc]));

    expect(await readSnapshot(file)).toEqual(snapshot);
  });

  it('refuses a damaged or cut file with STORE_CORRUPT, a newer format with STORE_UNSUPPORTED', async () => {
    const file = path.join(dir, 'snapshot.bin');
    await writeSnapshot(file, bigSnapshot(50, 4, 100), { chunkBytes: 1024 });
    const bytes = await readFile(file);

    const flipped = Buffer.from(bytes);
    flipped[bytes.length >> 1] ^= 0xff;
    await writeFile(file, flipped);
    await expect(readSnapshot(file)).rejects.toMatchObject({ code: 'STORE_CORRUPT' });

    // Cut after a whole frame: every frame checks, but the rows and the end frame are missing.
    const lengths = frameLengths(bytes);
    const cutAt = 8 + lengths[0] + 8 + lengths[1] + 8;
    await writeFile(file, bytes.subarray(0, cutAt));
    await expect(readSnapshot(file)).rejects.toMatchObject({ code: 'STORE_CORRUPT' });

    await writeFile(file, Buffer.concat([Buffer.from('MVSNAP09'), bytes.subarray(8)]));
    await expect(readSnapshot(file)).rejects.toMatchObject({ code: 'STORE_UNSUPPORTED' });
    await writeFile(file, Buffer.from('not a snapshot at all'));
    await expect(readSnapshot(file)).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
  });

  it('leaves the old snapshot and no temporary file when a write fails', async () => {
    const file = path.join(dir, 'snapshot.bin');
    const old = bigSnapshot(3, 4, 10);
    await writeSnapshot(file, old);

    const broken = bigSnapshot(3, 4, 10);
    // A metadata value JSON cannot write makes the writer throw half way through the file.
    (broken.collections[0].metadata[2] as Record<string, unknown>).n = 10n;
    await expect(writeSnapshot(file, broken)).rejects.toThrow(/BigInt/);
    expect(await readSnapshot(file)).toEqual(old);
    await expect(readFile(`${file}.tmp`)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reads a missing file as no snapshot', async () => {
    expect(await readSnapshot(path.join(dir, 'none.bin'))).toBeUndefined();
  });
});
