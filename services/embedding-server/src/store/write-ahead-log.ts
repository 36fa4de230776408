import { type FileHandle, open, readFile, truncate } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { ManyViewsError } from '@manyviews/augment-core';

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

/**
 * Reads every record of a log, in order.
 *
 * A crash can leave the last line half written: such a tail (no newline, or a CRC that does not
 * match on the last line) is cut off the file, since its append never resolved and so was never
 * acknowledged. A bad line before the last one is corruption, not a torn write, and is refused.
 *
 * @returns the records; none when the file does not exist
 * @throws {ManyViewsError} `STORE_CORRUPT` naming the file and line
 */
export async function readLog(path: string): Promise<unknown[]> {
  let text: Buffer;
  try {
    text = await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }

  const records: unknown[] = [];
  let offset = 0;
  let lineNo = 0;
  while (offset < text.length) {
    lineNo++;
    const end = text.indexOf(0x0a, offset);
    const record = end === -1 ? undefined : parseLine(text.subarray(offset, end));
    if (record === undefined) {
      const isTail = end === -1 || end === text.length - 1;
      if (!isTail) {
        throw new ManyViewsError('STORE_CORRUPT', `${path} is corrupt at line ${lineNo}`, {
          expected: 'CRC-checked JSON lines; restore the store directory from a backup',
        });
      }
      await truncate(path, offset);
      break;
    }
    records.push(record);
    offset = end + 1;
  }
  return records;
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
