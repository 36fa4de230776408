import { type Logger, silentLogger } from '@manyviews/augment-core';
import { normalize, topK } from '../vector-math.js';
import { IvfIndex, timeSlicer, trainCentroids } from './ivf-index.js';
import type { Metadata } from './metadata-filter.js';

/** One stored item as it comes back. */
export interface StoredItem {
  id: string;
  /** Unit length: the table normalises what it stores, so a dot product is the cosine. */
  vector: Float32Array;
  metadata: Metadata;
  /** The model version that made the vector. */
  modelVersion: string;
}

/** One search hit. */
export interface ItemHit {
  id: string;
  score: number;
  metadata: Metadata;
}

/** What a search asks for. */
export interface TableQuery {
  k: number;
  /** Keeps the items it returns true for; any function of the metadata. */
  filter?: (metadata: Metadata) => boolean;
  minScore?: number;
  /** Scan every row even when the table has an approximate index (default false). */
  exact?: boolean;
  /** Cells the index scans at least (default `approximate.probes`). */
  probes?: number;
}

/**
 * When and how a table searches approximately, through an IVF index (see {@link IvfIndex}).
 * Below `minRows` rows it searches exactly, index or not.
 */
export interface ApproximateSettings {
  /** Rows from which the index is built and used (> 0). */
  minRows: number;
  /** Cells scanned per query at least (>= 1); more cells, higher recall, slower. */
  probes: number;
  /** Cells of the index; default the square root of the rows at build time. */
  lists?: number;
  /** Seed of the k-means sample. */
  seed: number;
  /** One `info` line per index built; `error` if a build fails. */
  logger?: Logger;
}

// A table that grew this many times past the rows its index was trained on gets a new one:
// cells trained on a quarter of the data are unbalanced and slow.
const REBUILD_GROWTH = 4;

/**
 * The rows of one collection in memory: one contiguous row-major Float32Array that doubles when
 * full, so an exact scan is a single pass over adjacent memory (about 10 to 25 ms for 100,000
 * 128-d rows here; see bench/bench.mjs), beside the ids, metadata and versions of each row.
 *
 * Deleting moves the last row into the hole, so rows stay dense and a delete costs O(dim).
 *
 * With `approximate` settings, a table of `minRows` rows or more builds an IVF index in the
 * background (the event loop keeps turning; exact search serves until it is ready) and searches
 * through it from then on. The index follows every put and delete, and is rebuilt once the
 * table has grown four times past the rows it was trained on. It lives in memory only: a
 * reopened store builds it again.
 */
export class VectorTable {
  private vectors: Float32Array;
  private ids: string[] = [];
  private metadata: Metadata[] = [];
  private versions: string[] = [];
  private readonly rowOf = new Map<string, number>();
  /** The index searches go through, once built. */
  private index: IvfIndex | undefined;
  private indexedRows = 0;
  /** A build in progress; its index follows the rows from the moment it has centroids. */
  private building: { index?: IvfIndex; done: Promise<void> } | undefined;
  private indexFailed = false;
  /** Set by {@link stopIndexing}: no build starts, and a running one ends at its next pause. */
  private stopped = false;

  /**
   * @param dim values per vector (> 0)
   * @param capacity rows to allocate at first (default 1024)
   * @param approximate when to search through an IVF index; default never (exact only)
   */
  constructor(
    readonly dim: number,
    capacity = 1024,
    private readonly approximate?: ApproximateSettings,
  ) {
    this.vectors = new Float32Array(Math.max(1, capacity) * dim);
  }

  /** How many items the table holds. */
  get size(): number {
    return this.ids.length;
  }

  has(id: string): boolean {
    return this.rowOf.has(id);
  }

  /**
   * Inserts or replaces an item (the vector is normalised and copied).
   *
   * @param vector `dim` values, not all zero (the caller checks)
   */
  put(id: string, vector: Float32Array, metadata: Metadata, modelVersion: string): void {
    let row = this.rowOf.get(id);
    if (row === undefined) {
      row = this.ids.length;
      this.grow(row + 1);
      this.ids.push(id);
      this.metadata.push(metadata);
      this.versions.push(modelVersion);
      this.rowOf.set(id, row);
      this.vectors.set(normalize(vector), row * this.dim);
      for (const index of this.indexes()) index.add(row, this.vectors);
      this.startIndexing();
      return;
    }

    this.metadata[row] = metadata;
    this.versions[row] = modelVersion;
    this.vectors.set(normalize(vector), row * this.dim);
    for (const index of this.indexes()) index.update(row, this.vectors);
  }

  /** Removes an item; returns whether it was there. */
  delete(id: string): boolean {
    const row = this.rowOf.get(id);
    if (row === undefined) return false;

    const last = this.ids.length - 1;
    for (const index of this.indexes()) index.remove(row);
    if (row !== last) {
      const { dim } = this;
      this.vectors.copyWithin(row * dim, last * dim, (last + 1) * dim);
      this.ids[row] = this.ids[last];
      this.metadata[row] = this.metadata[last];
      this.versions[row] = this.versions[last];
      this.rowOf.set(this.ids[row], row);
      for (const index of this.indexes()) index.move(last, row, this.vectors);
    }
    this.ids.pop();
    this.metadata.pop();
    this.versions.pop();
    this.rowOf.delete(id);
    return true;
  }

  /** An item by id, or undefined. */
  get(id: string): StoredItem | undefined {
    const row = this.rowOf.get(id);
    if (row === undefined) return undefined;
    const { dim } = this;
    return {
      id,
      vector: this.vectors.slice(row * dim, (row + 1) * dim),
      metadata: this.metadata[row],
      modelVersion: this.versions[row],
    };
  }

  /**
   * Cosine search. Exact (the default, and below `approximate.minRows`): the filter runs first
   * over every row, then the top-k over the rows it kept. Through the index: the filter runs on
   * the rows of the probed cells, and more cells are read until `k` rows pass. Either way `k`
   * hits come back whenever `k` items match.
   *
   * @param query `dim` values (normalised here)
   */
  search(query: Float32Array, { k, filter, minScore, exact, probes }: TableQuery): ItemHit[] {
    const rows = this.ids.length;
    const unit = normalize(query);
    const index = exact || rows < (this.approximate?.minRows ?? Infinity) ? undefined : this.index;
    let hits: ReturnType<typeof topK>;
    if (index !== undefined) {
      const accept = filter && ((row: number) => filter(this.metadata[row]));
      const cells = probes ?? this.approximate!.probes;
      hits = index.search(unit, k, cells, accept, minScore);
    } else {
      let accept: Uint8Array | undefined;
      if (filter !== undefined) {
        accept = new Uint8Array(rows);
        for (let row = 0; row < rows; row++) accept[row] = filter(this.metadata[row]) ? 1 : 0;
      }
      hits = topK(this.vectors, this.dim, unit, k, { rows, accept, minScore });
    }

    return hits.map(({ row, score }) => ({
      id: this.ids[row],
      // float32 rows and query: a parallel pair can sum a hair past 1; cosines stay in [-1, 1].
      score: Math.max(-1, Math.min(1, score)),
      metadata: this.metadata[row],
    }));
  }

  /**
   * Starts building the approximate index when the table is due one (large enough, and without
   * one or grown past it), and resolves when the build in progress, if any, is done.
   */
  indexed(): Promise<void> {
    this.startIndexing();
    return this.building?.done ?? Promise.resolve();
  }

  /**
   * Ends a running index build at its next pause and starts no other: for a store closing or a
   * collection dropped, whose build would otherwise keep the process busy.
   *
   * @returns once the build, if any, has stopped
   */
  stopIndexing(): Promise<void> {
    this.stopped = true;
    return this.building?.done ?? Promise.resolve();
  }

  /** Whether searches go through an index now (only above `approximate.minRows`). */
  get approximateNow(): boolean {
    return this.index !== undefined && this.size >= (this.approximate?.minRows ?? Infinity);
  }

  /** A copy of the rows, for a snapshot: the live table keeps changing while it is written. */
  capture(): { ids: string[]; metadata: Metadata[]; versions: string[]; vectors: Float32Array } {
    const n = this.ids.length;
    return {
      ids: this.ids.slice(),
      metadata: this.metadata.slice(),
      versions: this.versions.slice(),
      vectors: this.vectors.slice(0, n * this.dim),
    };
  }

  /** Rebuilds a table from a {@link capture} (rows already unit length). */
  static restore(
    dim: number,
    saved: ReturnType<VectorTable['capture']>,
    approximate?: ApproximateSettings,
  ): VectorTable {
    const table = new VectorTable(dim, Math.max(1024, saved.ids.length), approximate);
    table.vectors.set(saved.vectors);
    table.ids = saved.ids;
    table.metadata = saved.metadata;
    table.versions = saved.versions;
    for (const [row, id] of saved.ids.entries()) table.rowOf.set(id, row);
    return table;
  }

  private *indexes(): Generator<IvfIndex> {
    if (this.index !== undefined) yield this.index;
    if (this.building?.index !== undefined) yield this.building.index;
  }

  private startIndexing(): void {
    const settings = this.approximate;
    const rows = this.size;
    const idle = !this.building && !this.indexFailed && !this.stopped;
    if (settings === undefined || rows < settings.minRows || !idle) return;
    if (this.index !== undefined && rows < REBUILD_GROWTH * this.indexedRows) return;

    const logger = settings.logger ?? silentLogger;
    const started = performance.now();
    const lists = settings.lists ?? Math.max(1, Math.round(Math.sqrt(rows)));
    const slice = timeSlicer();
    const pause = () => {
      if (this.stopped) throw new BuildStopped();
      return slice();
    };
    const building: { index?: IvfIndex; done: Promise<void> } = { done: Promise.resolve() };
    this.building = building;
    building.done = (async () => {
      const { seed } = settings;
      const centroids = await trainCentroids(this.vectors, rows, this.dim, { lists, seed }, pause);
      building.index = new IvfIndex(centroids, this.dim);
      await building.index.fill(() => ({ vectors: this.vectors, rows: this.size }), pause);

      this.index = building.index;
      this.indexedRows = this.size;
      logger.info('approximate index built', {
        rows: this.size,
        lists: building.index.lists,
        ms: Math.round(performance.now() - started),
      });
    })()
      .catch((e) => {
        if (e instanceof BuildStopped) return;
        // Exact search goes on serving; a build that failed once is not retried on every put.
        this.indexFailed = true;
        logger.error('approximate index failed', { error: e instanceof Error ? e.message : e });
      })
      .finally(() => {
        this.building = undefined;
      });
  }

  private grow(rows: number): void {
    if (rows * this.dim <= this.vectors.length) return;
    const next = new Float32Array(Math.max(rows, 2 * (this.vectors.length / this.dim)) * this.dim);
    next.set(this.vectors);
    this.vectors = next;
  }
}

/** Thrown through a build's pauses to end it. */
class BuildStopped extends Error {}
