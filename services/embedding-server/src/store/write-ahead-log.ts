import { type FileHandle, open, truncate } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { type Logger, ManyViewsError } from '@manyviews/augment-core';

/**
 * An append-only log of JSON records, one a line, each prefixed by the CRC-32 of its JSON text
 * in hex: `1a2b3c4d {"lsn":1,...}\n`.
 *
 * `append` resolves only once the record is on disk (`fdatasync`), so a caller that acknowledges
 * after it never acknowledges a write a crash could lose. Concurrent appends share one write and
 * one sync (group commit, as PostgreSQL's WAL does with commit_delay), which keeps the cost of a
 * sync per batch instead of per record.
 */
export class WriteAheadLog {
  private pending: Array<{ line: string; done: (e?: Error) => void }> = [];
  private flushing: Promise<void> | undefined;
  private failure: Error | undefined;
  private written: number;

  private constructor(
    readonly path: string,
    private readonly file: FileHandle,
    size: number,
  ) {
    this.written = size;
  }

  /**
   * Opens (or creates) a log for appending.
   *
   * @throws the file system's error when the file cannot be opened
   */
  static async open(path: string): Promise<WriteAheadLog> {
    const file = await open(path, 'a');
    const { size } = await file.stat();
    return new WriteAheadLog(path, file, size);
  }

  /** Bytes in the log, including those still being written. */
  get bytes(): number {
    return this.written;
  }

  /**
   * Appends one record and resolves when it is durable.
   *
   * @throws {ManyViewsError} `STORE_IO_FAILED` when the write or sync failed; every later append
   *   fails the same way, since what is on disk is then unknown
   */
  append(record: object): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);

    const json = JSON.stringify(record);
    const line = `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`;
    this.written += Buffer.byteLength(line);
    const done = new Promise<void>((resolve, reject) => {
      this.pending.push({ line, done: (e) => (e ? reject(e) : resolve()) });
    });
    this.flushing ??= this.flushLoop();
    return done;
  }

  /** Resolves once every record appended so far is durable (or has failed). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  /** Drains, then closes the file. */
  async close(): Promise<void> {
    await this.drain();
    await this.file.close();
  }

  private async flushLoop(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      try {
        await this.file.write(batch.map((p) => p.line).join(''));
        await this.file.datasync();
      } catch (e) {
        this.failure = new ManyViewsError('STORE_IO_FAILED', `cannot write the log ${this.path}`, {
          expected: 'a writable disk with free space',
          received: e instanceof Error ? e.message : String(e),
          cause: e,
        });
        for (const p of [...batch, ...this.pending]) p.done(this.failure);
        this.pending = [];
        break;
      }
      for (const p of batch) p.done();
    }
    this.flushing = undefined;
  }
}

/** Options of {@link replayLog}. */
export interface ReplayOptions {
  /** Gets a `warn` line when a half-written last record is cut off. */
  logger?: Logger;
  /** Bytes read from the file at a time (default 1 MiB). */
  chunkBytes?: number;
}

/**
 * Reads every record of a log, in order, handing each to `onRecord` as soon as its line is
 * read: the file is read a chunk at a time, so a log of any size replays with one line in
 * memory (not the whole file, nor one string of it).
 *
 * A crash can leave the last line half written: such a tail (no newline, or a CRC that does not
 * match on the last line) is cut off the file, since its append never resolved and so was never
 * acknowledged, and a warning says how many bytes went. A bad line before the last one is
 * corruption, not a torn write, and is refused.
 *
 * @returns how many records were read; 0 when the file does not exist
 * @throws {ManyViewsError} `STORE_CORRUPT` naming the file and line
 */
export async function replayLog(
  path: string,
  onRecord: (record: unknown) => void,
  options: ReplayOptions = {},
): Promise<number> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw e;
  }

  let kept: number;
  let records = 0;
  let size: number;
  try {
    size = (await handle.stat()).size;
    kept = await readLines(handle, size, options.chunkBytes ?? 1 << 20, (line, lineNo, end) => {
      const record = parseLine(line);
      if (record !== undefined) {
        onRecord(record);
        records++;
        return true;
      }
      if (end + 1 === size) return false;
      throw new ManyViewsError('STORE_CORRUPT', `${path} is corrupt at line ${lineNo}`, {
        expected: 'CRC-checked JSON lines; restore the store directory from a backup',
      });
    });
  } finally {
    await handle.close();
  }

  if (kept < size) {
    await truncate(path, kept);
    options.logger?.warn('dropped a half-written last log record', {
      file: path,
      bytes: size - kept,
    });
  }
  return records;
}

/**
 * Splits a file into lines, a chunk at a time, handing each whole line (without its newline) to
 * `onLine`, which returns false to stop there.
 *
 * @returns the offset after the last line taken: the file's size, unless a line was refused or
 *   the file ends without a newline
 */
async function readLines(
  handle: FileHandle,
  size: number,
  chunkBytes: number,
  onLine: (line: Buffer, lineNo: number, end: number) => boolean,
): Promise<number> {
  let kept = 0;
  let lineNo = 0;
  let parts: Buffer[] = [];
  for (let position = 0; position < size; ) {
    const chunk = Buffer.alloc(Math.min(chunkBytes, size - position));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
    if (bytesRead === 0) break;
    const read = chunk.subarray(0, bytesRead);

    let start = 0;
    for (let nl = read.indexOf(0x0a); nl !== -1; nl = read.indexOf(0x0a, start)) {
      parts.push(read.subarray(start, nl));
      const line = parts.length === 1 ? parts[0] : Buffer.concat(parts);
      parts = [];
      if (!onLine(line, ++lineNo, position + nl)) return kept;
      kept = position + nl + 1;
      start = nl + 1;
    }
    if (start < read.length) parts.push(read.subarray(start));
    position += bytesRead;
  }
  return kept;
}

function parseLine(line: Buffer): unknown {
  const text = line.toString('utf8');
  const space = text.indexOf(' ');
  if (space !== 8) return undefined;
  const json = text.slice(9);
  if (crc32(json).toString(16).padStart(8, '0') !== text.slice(0, 8)) return undefined;
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}
