/**
 * The vector arithmetic behind similarity and search: norms, cosine, and an exact top-k over a
 * row-major matrix. Plain loops over Float32Array; no tensors, so the server needs no backend.
 */

/**
 * Returns a unit-length copy of `v` (the same values scaled by 1/|v|).
 *
 * Models promise normalised vectors; the server normalises again so that a model that forgets,
 * or float drift, cannot push a cosine outside [-1, 1].
 *
 * @param v any vector
 * @returns a new vector of the same length; all zeros when `v` is all zeros (no direction)
 */
export function normalize(v: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i] * v[i];
  const out = new Float32Array(v.length);
  if (sum === 0) return out;

  const inv = 1 / Math.sqrt(sum);
  for (let i = 0; i < v.length; i++) out[i] = v[i] * inv;
  return out;
}

/**
 * Cosine similarity of two vectors of the same length.
 *
 * @returns a number in [-1, 1]; 0 when either vector is all zeros
 * @throws {RangeError} when the lengths differ (a programming error, never a request error)
 */
export function cosine(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) {
    throw new RangeError(`cosine: lengths differ (${a.length} and ${b.length})`);
  }
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  if (na === 0 || nb === 0) return 0;

  // Clamp: rounding can land a hair outside [-1, 1] for parallel vectors.
  return Math.max(-1, Math.min(1, dot / Math.sqrt(na * nb)));
}

/**
 * The cosine of every `a[i]` with every `b[j]`.
 *
 * @returns `a.length` rows of `b.length` numbers
 */
export function cosineMatrix(a: Float32Array[], b: Float32Array[]): number[][] {
  return a.map((u) => b.map((v) => cosine(u, v)));
}

/** One row picked by {@link topK}. */
export interface ScoredRow {
  /** Row number in the matrix, 0-based. */
  row: number;
  /** Dot product of that row with the query. */
  score: number;
}

/**
 * The `k` rows of `matrix` with the largest dot product against `query`, best first.
 *
 * With unit rows and a unit query the dot product is the cosine. Runs in O(n·dim + n·log k): a
 * bounded min-heap keeps the best `k` seen so far, so a large index is never fully sorted.
 * Equal scores come out in row order, which keeps results stable from call to call.
 *
 * @param matrix n x dim, row-major
 * @param dim columns per row (> 0)
 * @param query a vector of length `dim`
 * @param k how many rows to return (>= 1); fewer when the matrix has fewer rows
 * @param options.rows how many leading rows of `matrix` hold data (default: all); a collection's
 *   buffer has spare capacity past them
 * @param options.accept one byte per row, 0 to skip it: a filter applied before the top-k, so
 *   `k` results come back whenever `k` rows pass it
 * @param options.minScore rows scoring below it are skipped (default: none)
 * @throws {RangeError} when `query.length !== dim` or `matrix.length` is not a multiple of `dim`
 */
export function topK(
  matrix: Float32Array,
  dim: number,
  query: Float32Array,
  k: number,
  options: { rows?: number; accept?: Uint8Array; minScore?: number } = {},
): ScoredRow[] {
  if (query.length !== dim || dim <= 0 || matrix.length % dim !== 0) {
    throw new RangeError(
      `topK: query length ${query.length}, dim ${dim}, matrix length ${matrix.length} do not fit`,
    );
  }
  const n = Math.min(matrix.length / dim, options.rows ?? Number.POSITIVE_INFINITY);
  const { accept } = options;
  const { minScore } = options;
  const size = Math.min(Math.max(0, Math.floor(k)), n);
  const heap = new BoundedMinHeap(size);

  for (let row = 0; row < n && size > 0; row++) {
    if (accept !== undefined && accept[row] === 0) continue;
    const dot = dotAt(matrix, row * dim, query, dim);

    // Written so that a NaN fails the threshold too.
    if (minScore !== undefined && !(dot >= minScore)) continue;
    // A NaN would break the heap's ordering; a corrupt row simply ranks last.
    heap.offer(row, Number.isNaN(dot) ? Number.NEGATIVE_INFINITY : dot);
  }

  return heap.drainBestFirst();
}

/**
 * The dot product of the `dim` values of `matrix` from `offset` with `query`. Every search scores
 * rows through it, so a row scores the same whichever search reads it. Four accumulators break
 * the dependency chain of one running sum: about 1.5x faster in V8 on 128-d rows
 * (bench/bench.mjs); V8 inlines it into the scan loops.
 */
export function dotAt(matrix: Float32Array, offset: number, query: Float32Array, dim: number) {
  const tail = dim - (dim % 4);
  let at = offset;
  let d0 = 0;
  let d1 = 0;
  let d2 = 0;
  let d3 = 0;
  let j = 0;
  for (; j < tail; j += 4, at += 4) {
    d0 += matrix[at] * query[j];
    d1 += matrix[at + 1] * query[j + 1];
    d2 += matrix[at + 2] * query[j + 2];
    d3 += matrix[at + 3] * query[j + 3];
  }
  let dot = d0 + d1 + (d2 + d3);
  for (; j < dim; j++, at++) dot += matrix[at] * query[j];
  return dot;
}

/**
 * A fixed-capacity min-heap of (row, score) whose root is the worst kept entry: a new entry only
 * enters when it beats the root. "Worse" means a lower score, or an equal score and a later row.
 *
 * @example
 * const heap = new BoundedMinHeap(10);
 * heap.offer(row, score); // for each candidate
 * heap.drainBestFirst(); // at most 10 ScoredRows, best first
 */
export class BoundedMinHeap {
  private readonly rows: Int32Array;
  private readonly scores: Float64Array;
  private length = 0;

  /** @param capacity how many entries it keeps (>= 0) */
  constructor(private readonly capacity: number) {
    this.rows = new Int32Array(capacity);
    this.scores = new Float64Array(capacity);
  }

  /** How many entries it holds now. */
  get size(): number {
    return this.length;
  }

  /** Keeps (row, score) if there is room or it beats the worst entry kept. */
  offer(row: number, score: number): void {
    if (this.length < this.capacity) {
      this.rows[this.length] = row;
      this.scores[this.length] = score;
      this.siftUp(this.length++);
      return;
    }
    if (!this.worse(0, row, score)) return;

    this.rows[0] = row;
    this.scores[0] = score;
    this.siftDown(0);
  }

  /** The entries kept, best first (equal scores in row order). */
  drainBestFirst(): ScoredRow[] {
    // Fewer rows than k may have been offered (a filter, a threshold): only those are kept.
    const out: ScoredRow[] = [];
    for (let i = 0; i < this.length; i++) out.push({ row: this.rows[i], score: this.scores[i] });
    return out.sort((x, y) => y.score - x.score || x.row - y.row);
  }

  /** Whether heap entry `i` is worse than (row, score). */
  private worse(i: number, row: number, score: number): boolean {
    const s = this.scores[i];
    return s < score || (s === score && this.rows[i] > row);
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(i, this.rows[parent], this.scores[parent])) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < this.length && this.worse(left, this.rows[worst], this.scores[worst]))
        worst = left;
      if (right < this.length && this.worse(right, this.rows[worst], this.scores[worst])) {
        worst = right;
      }
      if (worst === i) return;
      this.swap(i, worst);
      i = worst;
    }
  }

  private swap(i: number, j: number): void {
    const row = this.rows[i];
    const score = this.scores[i];
    this.rows[i] = this.rows[j];
    this.scores[i] = this.scores[j];
    this.rows[j] = row;
    this.scores[j] = score;
  }
}
