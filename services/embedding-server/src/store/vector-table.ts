import { normalize, topK } from '../vector-math.js';
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
}

/**
 * The rows of one collection in memory: one contiguous row-major Float32Array that doubles when
 * full, so an exact scan is a single pass over adjacent memory (about 10 to 25 ms for 100,000
 * 128-d rows here; see bench/bench.mjs), beside the ids, metadata and versions of each row.
 *
 * Deleting moves the last row into the hole, so rows stay dense and a delete costs O(dim).
 */
export class VectorTable {
  private vectors: Float32Array;
  private ids: string[] = [];
  private metadata: Metadata[] = [];
  private versions: string[] = [];
  private readonly rowOf = new Map<string, number>();

  /**
   * @param dim values per vector (> 0)
   * @param capacity rows to allocate at first (default 1024)
   */
  constructor(
    readonly dim: number,
    capacity = 1024,
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
    } else {
      this.metadata[row] = metadata;
      this.versions[row] = modelVersion;
    }
    this.vectors.set(normalize(vector), row * this.dim);
  }

  /** Removes an item; returns whether it was there. */
  delete(id: string): boolean {
    const row = this.rowOf.get(id);
    if (row === undefined) return false;

    const last = this.ids.length - 1;
    if (row !== last) {
      const { dim } = this;
      this.vectors.copyWithin(row * dim, last * dim, (last + 1) * dim);
      this.ids[row] = this.ids[last];
      this.metadata[row] = this.metadata[last];
      this.versions[row] = this.versions[last];
      this.rowOf.set(this.ids[row], row);
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
   * Exact cosine search: the filter runs first over every row, then the top-k over the rows it
   * kept, so `k` hits come back whenever `k` items match.
   *
   * @param query `dim` values (normalised here)
   */
  search(query: Float32Array, { k, filter, minScore }: TableQuery): ItemHit[] {
    const rows = this.ids.length;
    let accept: Uint8Array | undefined;
    if (filter !== undefined) {
      accept = new Uint8Array(rows);
      for (let row = 0; row < rows; row++) accept[row] = filter(this.metadata[row]) ? 1 : 0;
    }

    const hits = topK(this.vectors, this.dim, normalize(query), k, { rows, accept, minScore });
    return hits.map(({ row, score }) => ({
      id: this.ids[row],
      // float32 rows and query: a parallel pair can sum a hair past 1; cosines stay in [-1, 1].
      score: Math.max(-1, Math.min(1, score)),
      metadata: this.metadata[row],
    }));
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
  static restore(dim: number, saved: ReturnType<VectorTable['capture']>): VectorTable {
    const table = new VectorTable(dim, Math.max(1024, saved.ids.length));
    table.vectors.set(saved.vectors);
    table.ids = saved.ids;
    table.metadata = saved.metadata;
    table.versions = saved.versions;
    for (const [row, id] of saved.ids.entries()) table.rowOf.set(id, row);
    return table;
  }

  private grow(rows: number): void {
    if (rows * this.dim <= this.vectors.length) return;
    const next = new Float32Array(Math.max(rows, 2 * (this.vectors.length / this.dim)) * this.dim);
    next.set(this.vectors);
    this.vectors = next;
  }
}
