import { readdir, rm } from 'node:fs/promises';
import { endianness } from 'node:os';
import path from 'node:path';
import { type Logger, ManyViewsError, silentLogger } from '@manyviews/augment-core';
import type {
  CollectionInfo,
  CollectionQuery,
  CollectionStore,
  NewItem,
} from './collection-store.js';
import type { Metadata } from './metadata-filter.js';
import { readSnapshot, type Snapshot, writeSnapshot } from './snapshot.js';
import { checkVector, checkWrite, collectionExists, collectionNotFound } from './store-checks.js';
import { ensureStoreDir } from './store-dir.js';
import { lockStore, type StoreLock } from './store-lock.js';
import { type ApproximateSettings, VectorTable } from './vector-table.js';
import { replayLog, WriteAheadLog } from './write-ahead-log.js';

/** Options of {@link openLocalStore}. */
export interface LocalStoreOptions {
  /** Directory of the snapshot and logs; created if absent. Omit for a store in memory only. */
  dir?: string;
  /** Log size in bytes past which it is folded into a new snapshot (default 64 MiB). */
  compactBytes?: number;
  /**
   * One `info` line per open, compaction and approximate index built; `error` when a compaction
   * or an index build fails.
   */
  logger?: Logger;
  /**
   * When a collection is searched through an approximate (IVF) index instead of exactly:
   * `false` never; otherwise from `minItems` items on (default 50000), scanning at least
   * `probes` of its cells per query (default 16), with `lists` cells (default the square root
   * of its size when the index is built) and a k-means `seed` (default 0). See
   * {@link ApproximateOptions} and the recall and speed measured in bench/ann-recall.mjs.
   */
  approximate?: ApproximateOptions | false;
}

/** The approximate-search settings of {@link LocalStoreOptions}; each one optional. */
export interface ApproximateOptions {
  minItems?: number;
  probes?: number;
  lists?: number;
  seed?: number;
}

/** {@link LocalStoreOptions.approximate}'s defaults. */
export const DEFAULT_APPROXIMATE = { minItems: 50_000, probes: 16, seed: 0 } as const;

type LogRecord =
  | { lsn: number; op: 'create'; info: Omit<CollectionInfo, 'count'> }
  | { lsn: number; op: 'drop'; name: string }
  | {
      lsn: number;
      op: 'put';
      name: string;
      items: Array<{ id: string; v: string; m: Metadata; mv: string }>;
    }
  | { lsn: number; op: 'delete'; name: string; ids: string[] };

interface Collection {
  info: Omit<CollectionInfo, 'count'>;
  table: VectorTable;
}

const SNAPSHOT = 'snapshot.bin';
const LOG = /^wal-(\d{8})\.log$/;
const logName = (gen: number) => `wal-${String(gen).padStart(8, '0')}.log`;

/**
 * Opens the embedded collection store: every collection in memory as a {@link VectorTable}, each
 * write logged to an append-only file and synced before it resolves, the log folded into a
 * snapshot once it grows past `compactBytes` (and on every open).
 *
 * On open the snapshot is loaded and every log record after it replayed, so a crash at any point
 * (SIGKILL, power cut) loses nothing that was acknowledged. Log records carry a sequence number
 * and the snapshot the last one it holds, so a record both in the snapshot and in a log is
 * applied once.
 *
 * The directory is locked while the store is open (see {@link lockStore}), and released by
 * `close()`: a second open, here or in another process, is refused, so that it cannot compact
 * away the log this one writes. A lock left by a killed process is taken over.
 *
 * @throws {ManyViewsError} `STORE_INVALID` when `dir` is a file, `STORE_LOCKED` when another
 *   open holds the directory, `STORE_CORRUPT` for a damaged snapshot or log, `STORE_UNSUPPORTED`
 *   on a big-endian machine (the files hold little-endian float32 as the host writes them),
 *   `STORE_COMPACTION_FAILED` when the replayed logs cannot be folded into a new snapshot (a
 *   running store logs that at `error` and goes on), `STORE_IO_FAILED` for any other failure to read or write the directory
 *
 * @example
 * const store = await openLocalStore({ dir: 'store', logger });
 * await store.create({ name: 'shoes', model: 'fashion-mnist', modelVersion: 'ab12', dim: 128 });
 */
export async function openLocalStore(options: LocalStoreOptions = {}): Promise<CollectionStore> {
  if (endianness() !== 'LE') {
    throw new ManyViewsError('STORE_UNSUPPORTED', 'the local store needs a little-endian machine', {
      received: endianness(),
    });
  }
  const logger = options.logger ?? silentLogger;
  const approximate = approximateSettings(options.approximate, logger);
  const store = new LocalStore(logger, options.compactBytes ?? 64 << 20, approximate);
  if (options.dir !== undefined) await store.load(options.dir);
  return store;
}

/**
 * A store in memory only, for tests and for `createApp` when no store is given: collections are
 * lost when the process ends.
 */
export function createMemoryStore(logger: Logger = silentLogger): CollectionStore {
  return new LocalStore(logger, Number.POSITIVE_INFINITY, approximateSettings(undefined, logger));
}

/**
 * @throws {ManyViewsError} `INVALID_STORE_OPTION` for a count that is not a positive integer
 */
function approximateSettings(
  options: ApproximateOptions | false | undefined,
  logger: Logger,
): ApproximateSettings | undefined {
  if (options === false) return undefined;
  const merged = { ...DEFAULT_APPROXIMATE, ...options };
  for (const key of ['minItems', 'probes', 'lists'] as const) {
    const value = merged[key as keyof typeof merged];
    if (value !== undefined && !(Number.isSafeInteger(value) && value > 0)) {
      throw new ManyViewsError('INVALID_STORE_OPTION', `approximate.${key} is not a valid count`, {
        expected: 'a positive integer',
        received: value,
      });
    }
  }
  const { minItems, probes, seed } = merged;
  return { minRows: minItems, probes, lists: options?.lists, seed, logger };
}

class LocalStore implements CollectionStore {
  private readonly collections = new Map<string, Collection>();
  private lsn = 0;
  private dir: string | undefined;
  private log: WriteAheadLog | undefined;
  private gen = 0;
  private compacting: Promise<void> | undefined;
  private lock: StoreLock | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly compactBytes: number,
    private readonly approximate: ApproximateSettings | undefined,
  ) {}

  /**
   * Takes the directory's lock, then loads it; on any failure the lock and the log are released
   * again, so a failed open leaves the directory as it found it.
   */
  async load(dir: string): Promise<void> {
    const started = performance.now();
    await ensureStoreDir(dir);
    this.lock = await lockStore(dir, this.logger);
    this.dir = dir;

    let replayed: number;
    try {
      replayed = await this.replay(dir);
    } catch (e) {
      await this.log?.close().catch(() => {});
      this.log = undefined;
      await this.lock.release();
      throw e instanceof ManyViewsError ? e : openFailed(dir, e);
    }

    const items = [...this.collections.values()].reduce((n, c) => n + c.table.size, 0);
    this.logger.info('collection store opened', {
      dir,
      collections: this.collections.size,
      items,
      replayed,
      ms: Math.round(performance.now() - started),
    });
    // Large collections get their index in the background; exact search serves meanwhile.
    for (const { table } of this.collections.values()) void table.indexed();
  }

  /** Loads the snapshot, replays the logs after it, opens the next log and compacts. */
  private async replay(dir: string): Promise<number> {
    const snapshot = await readSnapshot(path.join(dir, SNAPSHOT));
    if (snapshot) this.restore(snapshot);
    const gens = (await readdir(dir))
      .map((f) => LOG.exec(f))
      .filter((m) => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);

    let replayed = 0;
    for (const gen of gens) {
      if (snapshot && gen < snapshot.walGen) continue;
      const file = path.join(dir, logName(gen));
      await replayLog(
        file,
        (r) => {
          const record = r as LogRecord;
          if (record.lsn <= this.lsn) return;
          this.apply(record);
          this.lsn = record.lsn;
          replayed++;
        },
        { logger: this.logger },
      );
    }

    this.gen = Math.max(snapshot?.walGen ?? 0, ...gens);
    this.log = await WriteAheadLog.open(path.join(dir, logName(this.gen + 1)));
    this.gen++;
    // Folding the replayed logs in now keeps start-up fast next time and old files few.
    if (replayed > 0 || gens.length > 1) {
      await this.compact();
    } else if (gens.length === 1) {
      // Nothing replayed: every record of the one old log is already in the snapshot (or it is
      // empty), so it goes without writing a snapshot again.
      await rm(path.join(dir, logName(gens[0]!)));
    }
    return replayed;
  }

  async list(): Promise<CollectionInfo[]> {
    return [...this.collections.values()]
      .map((c) => ({ ...c.info, count: c.table.size }))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  async info(name: string): Promise<CollectionInfo> {
    const c = this.collection(name);
    return { ...c.info, count: c.table.size };
  }

  async create(spec: Omit<CollectionInfo, 'count' | 'createdAt'>): Promise<CollectionInfo> {
    if (this.collections.has(spec.name)) throw collectionExists(spec.name);
    const info = { ...spec, createdAt: new Date().toISOString() };
    await this.commit({ lsn: 0, op: 'create', info });
    return { ...info, count: 0 };
  }

  async drop(name: string): Promise<void> {
    this.collection(name);
    await this.commit({ lsn: 0, op: 'drop', name });
  }

  async write(
    name: string,
    items: NewItem[],
    mode: 'add' | 'upsert',
  ): Promise<{ added: number; updated: number }> {
    const { table, info } = this.collection(name);
    const updated = checkWrite(name, table.dim, items, mode, (id) => table.has(id));
    await this.commit({
      lsn: 0,
      op: 'put',
      name,
      items: items.map((item) => ({
        id: item.id,
        v: base64Of(item.vector),
        m: item.metadata,
        mv: info.modelVersion,
      })),
    });
    return { added: items.length - updated, updated };
  }

  async remove(name: string, ids: string[]): Promise<{ deleted: string[]; missing: string[] }> {
    const { table } = this.collection(name);
    const unique = [...new Set(ids)];
    const deleted = unique.filter((id) => table.has(id));
    const missing = unique.filter((id) => !table.has(id));
    if (deleted.length > 0) await this.commit({ lsn: 0, op: 'delete', name, ids: deleted });
    return { deleted, missing };
  }

  async get(name: string, id: string) {
    return this.collection(name).table.get(id);
  }

  async search(name: string, query: Float32Array, options: CollectionQuery) {
    const { table } = this.collection(name);
    checkVector(query, table.dim, 'the query');
    return table.search(query, options);
  }

  async close(): Promise<void> {
    await Promise.all([...this.collections.values()].map(({ table }) => table.stopIndexing()));
    await this.compacting;
    await this.log?.close();
    this.log = undefined;
    await this.lock?.release();
    this.lock = undefined;
  }

  private collection(name: string): Collection {
    const c = this.collections.get(name);
    if (c) return c;
    throw collectionNotFound(name, [...this.collections.keys()]);
  }

  /**
   * Applies a record in memory at once (so the next request sees it), then resolves when it is
   * on disk. Applying first keeps validation and application in one synchronous step, which is
   * what makes concurrent writes safe without a lock.
   */
  private commit(record: LogRecord): Promise<void> {
    record.lsn = ++this.lsn;
    this.apply(record);
    if (this.log === undefined) return Promise.resolve();

    const durable = this.log.append(record);
    if (this.log.bytes > this.compactBytes && this.compacting === undefined) {
      this.compacting = this.compact()
        .catch((e: ManyViewsError) => {
          // The logs still hold everything, so writes go on being acknowledged: a failed
          // compaction costs disk, not data. It is retried once the new log is as large again,
          // and the next open, which compacts first, fails with this same error.
          this.logger.error('compaction failed', { dir: this.dir, code: e.code, error: e.message });
        })
        .finally(() => {
          this.compacting = undefined;
        });
    }
    return durable;
  }

  private apply(record: LogRecord): void {
    switch (record.op) {
      case 'create':
        this.collections.set(record.info.name, {
          info: record.info,
          table: new VectorTable(record.info.dim, 1024, this.approximate),
        });
        return;
      case 'drop':
        void this.collections.get(record.name)?.table.stopIndexing();
        this.collections.delete(record.name);
        return;
      case 'put': {
        const { table } = this.collections.get(record.name)!;
        for (const item of record.items) table.put(item.id, vectorOf(item.v), item.m, item.mv);
        return;
      }
      case 'delete': {
        const { table } = this.collections.get(record.name)!;
        for (const id of record.ids) table.delete(id);
      }
    }
  }

  /**
   * Folds the log into a new snapshot. The next log is opened first, so that capturing the state
   * and switching logs happen in one synchronous step: every record after the captured sequence
   * number then lands in the new log, and the old ones may be deleted once the snapshot is safe.
   *
   * @throws {ManyViewsError} `STORE_COMPACTION_FAILED`, the cause attached; the logs are kept
   */
  private async compact(): Promise<void> {
    try {
      await this.foldLogs(this.dir!);
    } catch (e) {
      throw new ManyViewsError('STORE_COMPACTION_FAILED', `cannot compact the store ${this.dir}`, {
        expected: 'a writable store directory with free space for a new snapshot.bin',
        received: e instanceof Error ? e.message : e,
        cause: e,
      });
    }
  }

  /** {@link compact}'s work, its errors as the file system or the snapshot writer gave them. */
  private async foldLogs(dir: string): Promise<void> {
    const next = await WriteAheadLog.open(path.join(dir, logName(this.gen + 1)));

    const snapshot: Snapshot = {
      lsn: this.lsn,
      walGen: this.gen + 1,
      collections: [...this.collections.values()].map(({ info, table }) => {
        const { ids, metadata, versions, vectors } = table.capture();
        return { ...info, ids, metadata, versions, vectors };
      }),
    };
    const previous = this.log!;
    this.log = next;
    this.gen++;

    await previous.close();
    await writeSnapshot(path.join(dir, SNAPSHOT), snapshot);
    for (const file of await readdir(dir)) {
      const m = LOG.exec(file);
      if (m && Number(m[1]) < snapshot.walGen) await rm(path.join(dir, file));
    }
    this.logger.info('collection store compacted', { dir, lsn: snapshot.lsn });
  }

  private restore(snapshot: Snapshot): void {
    for (const c of snapshot.collections) {
      const { ids, metadata, versions, vectors, ...info } = c;
      const table = VectorTable.restore(
        c.dim,
        { ids, metadata, versions, vectors },
        this.approximate,
      );
      this.collections.set(c.name, { info, table });
    }
    this.lsn = snapshot.lsn;
  }
}

/** @returns `STORE_IO_FAILED` for an open that failed on something other than a checked error */
function openFailed(dir: string, e: unknown): ManyViewsError {
  return new ManyViewsError('STORE_IO_FAILED', `cannot open the store ${dir}`, {
    expected: 'a readable and writable store directory',
    received: e instanceof Error ? e.message : e,
    cause: e,
  });
}

function base64Of(v: Float32Array): string {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
}

function vectorOf(b64: string): Float32Array {
  const bytes = Buffer.from(b64, 'base64');
  const out = new Float32Array(bytes.length / 4);
  Buffer.from(out.buffer).set(bytes);
  return out;
}
