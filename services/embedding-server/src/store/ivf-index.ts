import { Rng } from '@manyviews/augment-core';
import { BoundedMinHeap, dotAt, normalize, type ScoredRow } from '../vector-math.js';

/**
 * An inverted-file (IVF-Flat) index over the rows of a {@link VectorTable}: k-means splits the
 * unit vectors into `lists` cells around centroids, each row is listed under its nearest
 * centroid, and a query scans only the rows of the `probes` cells whose centroids it is nearest
 * (Jégou, Douze and Schmid, "Product quantization for nearest neighbor search", 2011, section
 * 4; FAISS's IndexIVFFlat). Each cell keeps a copy of its rows' vectors side by side, so a
 * probe reads one contiguous block: read through the table's row numbers instead, scattered
 * rows cost about three times as much per row as the exact scan's sequential pass. The price is
 * a second copy of the vectors in memory.
 *
 * It follows the table row by row (`add`, `update`, `remove`, `move`), so it never needs a
 * rebuild to stay correct, only to stay balanced as the table grows.
 */
export class IvfIndex {
  /** Rows listed under each cell, in no particular order; `sizes[c]` of them are live. */
  private readonly members: Int32Array[];
  /** Each cell's vectors, `dim` values per member, in the order of `members`. */
  private readonly cellVectors: Float32Array[];
  private readonly sizes: Int32Array;
  /** Per row: its cell (-1 while not listed yet) and its place in that cell's list. */
  private cellOf = new Int32Array(0).fill(-1);
  private placeOf = new Int32Array(0);

  /**
   * @param centroids `lists x dim`, row-major, unit rows
   * @param dim values per vector
   */
  constructor(
    private readonly centroids: Float32Array,
    readonly dim: number,
  ) {
    const lists = centroids.length / dim;
    this.members = Array.from({ length: lists }, () => new Int32Array(16));
    this.cellVectors = Array.from({ length: lists }, () => new Float32Array(16 * dim));
    this.sizes = new Int32Array(lists);
  }

  /** How many cells it has. */
  get lists(): number {
    return this.sizes.length;
  }

  /** Whether `row` is listed. */
  has(row: number): boolean {
    return row < this.cellOf.length && this.cellOf[row] !== -1;
  }

  /**
   * Lists `row` under its nearest centroid.
   *
   * @param vectors the table's row-major buffer (it may have been reallocated since last call)
   */
  add(row: number, vectors: Float32Array): void {
    const cell = this.nearest(vectors, row * this.dim);
    this.reserveRows(row + 1);

    const { dim } = this;
    let list = this.members[cell];
    const size = this.sizes[cell];
    if (size === list.length) {
      const grown = new Int32Array(list.length * 2);
      grown.set(list);
      this.members[cell] = list = grown;
      const block = new Float32Array(grown.length * dim);
      block.set(this.cellVectors[cell]);
      this.cellVectors[cell] = block;
    }
    list[size] = row;
    this.cellVectors[cell].set(vectors.subarray(row * dim, (row + 1) * dim), size * dim);
    this.sizes[cell] = size + 1;
    this.cellOf[row] = cell;
    this.placeOf[row] = size;
  }

  /** A listed row's vector changed: it may belong to another cell now. */
  update(row: number, vectors: Float32Array): void {
    if (!this.has(row)) return;
    this.remove(row);
    this.add(row, vectors);
  }

  /** Unlists `row` (nothing when it is not listed). */
  remove(row: number): void {
    if (!this.has(row)) return;
    const cell = this.cellOf[row];
    const list = this.members[cell];
    const place = this.placeOf[row];

    // The cell's last entry fills the hole, as the table does with its rows.
    const last = --this.sizes[cell];
    if (place !== last) {
      const { dim } = this;
      const moved = list[last];
      list[place] = moved;
      this.placeOf[moved] = place;
      this.cellVectors[cell].copyWithin(place * dim, last * dim, (last + 1) * dim);
    }
    this.cellOf[row] = -1;
  }

  /**
   * The table moved row `from` into row `to` (a delete filling its hole with the last row). A
   * row not listed yet is listed now, since an ongoing {@link fill} may have passed `to`.
   */
  move(from: number, to: number, vectors: Float32Array): void {
    this.reserveRows(to + 1);
    if (!this.has(from)) {
      this.add(to, vectors);
      return;
    }
    const cell = this.cellOf[from];
    const place = this.placeOf[from];
    this.members[cell][place] = to;
    this.cellOf[to] = cell;
    this.placeOf[to] = place;
    this.cellOf[from] = -1;
  }

  /**
   * Lists every row of the table that is not listed yet, giving the event loop a turn whenever
   * `pause` says so, so a server keeps answering while a large table is indexed. Rows added,
   * changed or moved meanwhile reach the index through the other methods.
   *
   * @param table reads the table's current buffer and row count (both change during the fill)
   */
  async fill(
    table: () => { vectors: Float32Array; rows: number },
    pause: () => Promise<void> | undefined,
  ): Promise<void> {
    for (let row = 0; row < table().rows; row++) {
      if (!this.has(row)) this.add(row, table().vectors);
      await pause();
    }
  }

  /**
   * The `k` best rows among those of the cells nearest the query: at least `probes` cells, and
   * more, nearest first, until `k` rows passed `accept` and `minScore` or every cell was read.
   * So a filter still gets `k` hits whenever `k` rows match, at worst by reading everything.
   *
   * @param query unit length, `dim` values
   * @param accept whether a row may be returned (a metadata filter)
   * @returns best first; equal scores in row order, as `topK`
   */
  search(
    query: Float32Array,
    k: number,
    probes: number,
    accept?: (row: number) => boolean,
    minScore?: number,
  ): ScoredRow[] {
    const { dim } = this;
    const heap = new BoundedMinHeap(Math.max(0, Math.floor(k)));
    if (k < 1) return [];

    const closeness = new Float64Array(this.lists);
    for (let c = 0; c < this.lists; c++) closeness[c] = dotAt(this.centroids, c * dim, query, dim);
    const order = Array.from({ length: this.lists }, (_, c) => c).sort(
      (a, b) => closeness[b] - closeness[a],
    );

    for (let p = 0; p < order.length; p++) {
      if (p >= probes && heap.size >= k) break;
      const cell = order[p];
      const list = this.members[cell];
      const block = this.cellVectors[cell];
      for (let i = 0; i < this.sizes[cell]; i++) {
        const row = list[i];
        if (accept !== undefined && !accept(row)) continue;
        const dot = dotAt(block, i * dim, query, dim);
        // Written so that a NaN fails the threshold too, as in topK.
        if (minScore !== undefined && !(dot >= minScore)) continue;
        heap.offer(row, Number.isNaN(dot) ? Number.NEGATIVE_INFINITY : dot);
      }
    }
    return heap.drainBestFirst();
  }

  private nearest(vectors: Float32Array, offset: number): number {
    return nearestCentroid(this.centroids, this.lists, vectors, offset, this.dim);
  }

  private reserveRows(rows: number): void {
    if (rows <= this.cellOf.length) return;
    const capacity = Math.max(rows, 2 * this.cellOf.length, 1024);
    const cells = new Int32Array(capacity).fill(-1);
    cells.set(this.cellOf);
    const places = new Int32Array(capacity);
    places.set(this.placeOf);
    this.cellOf = cells;
    this.placeOf = places;
  }
}

/** What {@link trainCentroids} needs. */
export interface TrainOptions {
  /** Cells to make (>= 1; fewer when the sample has fewer rows). */
  lists: number;
  /** Seed of the sample and the starting centroids. */
  seed: number;
  /** Lloyd iterations (default 8: the cells stop moving much after a few). */
  iterations?: number;
  /** Sample rows per cell (default 32; FAISS warns below 39, with little loss here). */
  samplePerList?: number;
}

/**
 * Spherical k-means on a seeded sample of the rows: centroids start at distinct sample rows,
 * each Lloyd step assigns by the largest dot product and renormalises the means. A cell left
 * empty restarts at a random sample row.
 *
 * @param vectors `rows x dim`, unit rows
 * @param pause gives the event loop a turn when it returns a promise
 * @returns `lists x dim` unit centroids (fewer lists when there are fewer rows)
 */
export async function trainCentroids(
  vectors: Float32Array,
  rows: number,
  dim: number,
  options: TrainOptions,
  pause: () => Promise<void> | undefined,
): Promise<Float32Array> {
  const rng = new Rng(options.seed);
  const lists = Math.max(1, Math.min(options.lists, rows));
  const sampled = sampleRows(rows, Math.min(rows, lists * (options.samplePerList ?? 32)), rng);
  const sample = new Float32Array(sampled.length * dim);
  for (const [i, row] of sampled.entries()) {
    sample.set(vectors.subarray(row * dim, (row + 1) * dim), i * dim);
  }
  const n = sampled.length;

  const centroids = new Float32Array(lists * dim);
  for (let c = 0; c < lists; c++) centroids.set(sample.subarray(c * dim, (c + 1) * dim), c * dim);
  const sums = new Float64Array(lists * dim);
  const counts = new Int32Array(lists);
  for (let iteration = 0; iteration < (options.iterations ?? 8); iteration++) {
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const cell = nearestCentroid(centroids, lists, sample, i * dim, dim);
      counts[cell]++;
      for (let j = 0; j < dim; j++) sums[cell * dim + j] += sample[i * dim + j];
      await pause();
    }
    for (let c = 0; c < lists; c++) {
      const at = c * dim;
      if (counts[c] === 0) {
        const row = rng.int(0, n - 1);
        centroids.set(sample.subarray(row * dim, (row + 1) * dim), at);
        continue;
      }
      centroids.set(normalize(Float32Array.from(sums.subarray(at, at + dim))), at);
    }
  }
  return centroids;
}

/** The cell whose centroid has the largest dot product with the vector at `offset`. */
function nearestCentroid(
  centroids: Float32Array,
  lists: number,
  vectors: Float32Array,
  offset: number,
  dim: number,
): number {
  const v = vectors.subarray(offset, offset + dim);
  let best = 0;
  let bestDot = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < lists; c++) {
    const dot = dotAt(centroids, c * dim, v, dim);
    if (dot > bestDot) {
      bestDot = dot;
      best = c;
    }
  }
  return best;
}

/** `count` distinct row numbers of `[0, rows)`, in sorted order (a partial Fisher-Yates). */
function sampleRows(rows: number, count: number, rng: Rng): number[] {
  const picked = new Map<number, number>();
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const j = rng.int(i, rows - 1);
    out.push(picked.get(j) ?? j);
    picked.set(j, picked.get(i) ?? i);
  }
  return out.sort((a, b) => a - b);
}

/**
 * A pause for long loops: returns a promise (one `setImmediate`, so pending I/O runs) once
 * `sliceMs` have passed since the last one, and `undefined` otherwise, which an `await` passes
 * over at the cost of a microtask.
 *
 * @param sliceMs the longest stretch of work between two turns of the event loop (default 10)
 */
export function timeSlicer(sliceMs = 10): () => Promise<void> | undefined {
  let since = performance.now();
  let calls = 0;
  return () => {
    // Reading the clock costs more than a row; look only every 64 calls.
    if (++calls % 64 !== 0 || performance.now() - since < sliceMs) return undefined;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        since = performance.now();
        resolve();
      }),
    );
  };
}
