import { ManyViewsError, Rng } from '@manyviews/augment-core';
import type { KnnResult } from './knn.js';

/**
 * Rows of a sparse matrix in CSR form: row `r` holds `indices[indptr[r] .. indptr[r + 1])` with
 * their `values`. For raw features too wide to hold densely (TF-IDF over a 40k-word vocabulary).
 */
export interface SparseRows {
  rows: number;
  /** Number of columns. */
  dim: number;
  /** `rows + 1` offsets. */
  indptr: Uint32Array;
  indices: Uint32Array;
  values: Float32Array;
}

/**
 * Packs per-row `(indices, values)` pairs into {@link SparseRows}.
 *
 * @param rows each row's column indices and values (same lengths)
 * @param dim number of columns
 */
export function packSparseRows(
  rows: ReadonlyArray<{ indices: ArrayLike<number>; values: ArrayLike<number> }>,
  dim: number,
): SparseRows {
  const indptr = new Uint32Array(rows.length + 1);
  rows.forEach((r, i) => {
    indptr[i + 1] = indptr[i] + r.indices.length;
  });
  const indices = new Uint32Array(indptr[rows.length]);
  const values = new Float32Array(indptr[rows.length]);
  rows.forEach((r, i) => {
    indices.set(r.indices, indptr[i]);
    values.set(r.values, indptr[i]);
  });
  return { rows: rows.length, dim, indptr, indices, values };
}

/** The columns of a {@link SparseRows}: for each column, the rows holding it and their values. */
function transpose(m: SparseRows): { ptr: Uint32Array; rows: Uint32Array; values: Float32Array } {
  const ptr = new Uint32Array(m.dim + 1);
  for (let i = 0; i < m.indices.length; i++) ptr[m.indices[i] + 1]++;
  for (let c = 0; c < m.dim; c++) ptr[c + 1] += ptr[c];
  const fill = ptr.slice(0, m.dim);
  const rows = new Uint32Array(m.indices.length);
  const values = new Float32Array(m.indices.length);
  for (let r = 0; r < m.rows; r++) {
    for (let j = m.indptr[r]; j < m.indptr[r + 1]; j++) {
      const at = fill[m.indices[j]]++;
      rows[at] = r;
      values[at] = m.values[j];
    }
  }
  return { ptr, rows, values };
}

/**
 * Cosine kNN of sparse L2-normalised rows, by the protocol of `knnEvaluate` (k=20 majority
 * vote, k=200 vote weighted by `exp(s / 0.1)`; ties by summed similarity, then the lower class;
 * neighbours of equal similarity in bank order). Similarities come from an inverted index of the
 * bank, so the cost is the postings the queries' terms touch, not `queries x bank x dim`.
 *
 * @throws {ManyViewsError} `INVALID_OPTION` when labels and rows disagree or widths differ
 */
export function sparseKnnEvaluate(inputs: {
  bank: SparseRows;
  bankLabels: ArrayLike<number>;
  queries: SparseRows;
  queryLabels: ArrayLike<number>;
  numClasses: number;
}): KnnResult {
  const { bank, queries, numClasses } = inputs;
  if (
    bank.rows !== inputs.bankLabels.length ||
    queries.rows !== inputs.queryLabels.length ||
    bank.dim !== queries.dim
  ) {
    throw new ManyViewsError('INVALID_OPTION', 'sparseKnnEvaluate: rows and labels disagree', {
      expected: `${bank.rows} bank labels, ${queries.rows} query labels, equal widths`,
      received: `${inputs.bankLabels.length}, ${inputs.queryLabels.length}, ${bank.dim} / ${queries.dim}`,
    });
  }
  const k = Math.min(200, bank.rows);
  const columns = transpose(bank);
  const scores = new Float32Array(bank.rows);
  const touched = new Uint32Array(bank.rows);
  const isTouched = new Uint8Array(bank.rows);
  const topSims = new Float32Array(k);
  const topRows = new Int32Array(k);
  let correct20 = 0;
  let correct200 = 0;

  for (let q = 0; q < queries.rows; q++) {
    let nTouched = 0;
    for (let j = queries.indptr[q]; j < queries.indptr[q + 1]; j++) {
      const c = queries.indices[j];
      const v = queries.values[j];
      for (let p = columns.ptr[c]; p < columns.ptr[c + 1]; p++) {
        const r = columns.rows[p];
        if (!isTouched[r]) {
          isTouched[r] = 1;
          touched[nTouched++] = r;
        }
        scores[r] += v * columns.values[p];
      }
    }
    const found = topK(scores, touched, nTouched, isTouched, k, topSims, topRows);
    for (let i = 0; i < nTouched; i++) {
      scores[touched[i]] = 0;
      isTouched[touched[i]] = 0;
    }

    const truth = inputs.queryLabels[q];
    if (vote(topSims, topRows, Math.min(20, found), inputs.bankLabels, numClasses, false) === truth)
      correct20++;
    if (vote(topSims, topRows, found, inputs.bankLabels, numClasses, true) === truth) correct200++;
  }
  return {
    knn20: correct20 / queries.rows,
    knn200w: correct200 / queries.rows,
    queries: queries.rows,
    bank: bank.rows,
  };
}

/**
 * The `k` most similar bank rows in descending similarity (bank order among equals): the
 * touched rows with a positive similarity through a size-`k` min-heap, then rows of similarity 0
 * in bank order to fill up to `k`.
 */
function topK(
  scores: Float32Array,
  touched: Uint32Array,
  nTouched: number,
  isTouched: Uint8Array,
  k: number,
  sims: Float32Array,
  rows: Int32Array,
): number {
  // Heap order: the root is the worst kept row (lowest score, then highest index).
  const worse = (a: number, b: number) =>
    scores[a] < scores[b] || (scores[a] === scores[b] && a > b);
  if (heapRows.length < k) heapRows = new Int32Array(k);
  const heap = heapRows;
  let size = 0;
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < size && worse(heap[l], heap[m])) m = l;
      if (r < size && worse(heap[r], heap[m])) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  for (let t = 0; t < nTouched; t++) {
    const row = touched[t];
    if (scores[row] <= 0) continue;
    if (size < k) {
      let i = size++;
      heap[i] = row;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!worse(heap[i], heap[p])) break;
        [heap[i], heap[p]] = [heap[p], heap[i]];
        i = p;
      }
    } else if (worse(heap[0], row)) {
      heap[0] = row;
      siftDown(0);
    }
  }
  const kept = Array.from(heap.subarray(0, size)).sort((a, b) => scores[b] - scores[a] || a - b);
  let n = 0;
  for (const r of kept) {
    sims[n] = scores[r];
    rows[n++] = r;
  }
  for (let r = 0; n < k && r < scores.length; r++) {
    if (isTouched[r] && scores[r] !== 0) continue;
    sims[n] = 0;
    rows[n++] = r;
  }
  return n;
}

let heapRows = new Int32Array(0);

const voteScores = new Float64Array(1024);
const voteCounts = new Float64Array(1024);

function vote(
  sims: Float32Array,
  rows: Int32Array,
  k: number,
  labels: ArrayLike<number>,
  numClasses: number,
  weighted: boolean,
): number {
  voteScores.fill(0, 0, numClasses);
  voteCounts.fill(0, 0, numClasses);
  for (let j = 0; j < k; j++) {
    const label = labels[rows[j]];
    voteCounts[label] += weighted ? Math.exp(sims[j] / 0.1) : 1;
    voteScores[label] += sims[j];
  }
  let best = 0;
  for (let c = 1; c < numClasses; c++) {
    if (
      voteCounts[c] > voteCounts[best] ||
      (voteCounts[c] === voteCounts[best] && voteScores[c] > voteScores[best])
    )
      best = c;
  }
  return best;
}

/** Dot product of row `i` of `a` and row `j` of `b` (both with sorted column indices). */
function dot(a: SparseRows, i: number, b: SparseRows, j: number): number {
  let p = a.indptr[i];
  let q = b.indptr[j];
  const pEnd = a.indptr[i + 1];
  const qEnd = b.indptr[j + 1];
  let s = 0;
  while (p < pEnd && q < qEnd) {
    const ca = a.indices[p];
    const cb = b.indices[q];
    if (ca === cb) s += a.values[p++] * b.values[q++];
    else if (ca < cb) p++;
    else q++;
  }
  return s;
}

/**
 * Alignment (alpha = 2) and uniformity (t = 2) of Wang and Isola (2020), as
 * `alignmentUniformity`, on sparse L2-normalised rows with sorted column indices:
 * `|x - y|^2 = 2 - 2 x.y`.
 *
 * @param a first views
 * @param b the paired second views
 * @param maxPairs uniformity uses at most this many rows; default 2048
 */
export function sparseAlignmentUniformity(
  a: SparseRows,
  b: SparseRows,
  maxPairs = 2048,
): { alignment: number; uniformity: number } {
  const sq = (x: SparseRows, i: number) => dot(x, i, x, i);
  const distance = (x: SparseRows, i: number, y: SparseRows, j: number) =>
    Math.max(0, sq(x, i) + sq(y, j) - 2 * dot(x, i, y, j));
  let align = 0;
  for (let i = 0; i < a.rows; i++) align += distance(a, i, b, i);

  const m = Math.min(a.rows, maxPairs);
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      sum += Math.exp(-2 * distance(a, i, a, j));
      pairs++;
    }
  }
  return { alignment: align / a.rows, uniformity: Math.log(sum / Math.max(1, pairs)) };
}

/**
 * Linear evaluation on sparse features: multinomial logistic regression trained by minibatch
 * AdaGrad with lazy updates of the rows a batch touches, then top-1 test accuracy.
 *
 * Unlike `linearProbe`, features are not standardised (that would make them dense) and the
 * update is AdaGrad, which suits sparse features whose columns are seen at very different
 * rates (Duchi et al. 2011). Both fit the same model family, so the figures compare.
 *
 * @param options.epochs passes over the training rows; default 10
 * @param options.batchSize rows per step; default 256
 * @param options.learningRate AdaGrad rate; default 0.5
 * @param options.l2 L2 penalty on the touched weights; default 1e-6
 * @param options.seed seed of the minibatch order; default 0
 */
export function sparseLinearProbe(options: {
  train: SparseRows;
  trainLabels: ArrayLike<number>;
  test: SparseRows;
  testLabels: ArrayLike<number>;
  numClasses: number;
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  l2?: number;
  seed?: number;
}): { accuracy: number; trainAccuracy: number } {
  const { train, numClasses } = options;
  const C = numClasses;
  const epochs = options.epochs ?? 10;
  const batchSize = Math.min(options.batchSize ?? 256, train.rows);
  const lr = options.learningRate ?? 0.5;
  const l2 = options.l2 ?? 1e-6;
  const w = new Float32Array(train.dim * C);
  const g2 = new Float32Array(train.dim * C).fill(1e-8);
  const bias = new Float64Array(C);
  const biasG2 = new Float64Array(C).fill(1e-8);
  const grad = new Float64Array(train.dim * C);
  const touched: number[] = [];
  const mark = new Uint8Array(train.dim);
  const logits = new Float64Array(C);
  const biasGrad = new Float64Array(C);
  const rng = new Rng(options.seed ?? 0).fork('sparse-probe');

  const forward = (x: SparseRows, r: number) => {
    for (let c = 0; c < C; c++) logits[c] = bias[c];
    for (let j = x.indptr[r]; j < x.indptr[r + 1]; j++) {
      const o = x.indices[j] * C;
      const v = x.values[j];
      for (let c = 0; c < C; c++) logits[c] += v * w[o + c];
    }
  };

  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = rng.fork(epoch).permutation(train.rows);
    for (let start = 0; start + batchSize <= train.rows; start += batchSize) {
      biasGrad.fill(0);
      for (let b = 0; b < batchSize; b++) {
        const r = order[start + b];
        forward(train, r);
        let max = -Infinity;
        for (let c = 0; c < C; c++) max = Math.max(max, logits[c]);
        let z = 0;
        for (let c = 0; c < C; c++) z += Math.exp(logits[c] - max);
        const truth = options.trainLabels[r];
        for (let c = 0; c < C; c++) {
          logits[c] = Math.exp(logits[c] - max) / z - (c === truth ? 1 : 0);
          biasGrad[c] += logits[c] / batchSize;
        }
        for (let j = train.indptr[r]; j < train.indptr[r + 1]; j++) {
          const col = train.indices[j];
          if (!mark[col]) {
            mark[col] = 1;
            touched.push(col);
          }
          const o = col * C;
          const v = train.values[j] / batchSize;
          for (let c = 0; c < C; c++) grad[o + c] += v * logits[c];
        }
      }
      for (const col of touched) {
        const o = col * C;
        for (let c = 0; c < C; c++) {
          const g = grad[o + c] + l2 * w[o + c];
          g2[o + c] += g * g;
          w[o + c] -= (lr * g) / Math.sqrt(g2[o + c]);
          grad[o + c] = 0;
        }
        mark[col] = 0;
      }
      touched.length = 0;
      for (let c = 0; c < C; c++) {
        biasG2[c] += biasGrad[c] ** 2;
        bias[c] -= (lr * biasGrad[c]) / Math.sqrt(biasG2[c]);
      }
    }
  }

  const accuracy = (x: SparseRows, labels: ArrayLike<number>) => {
    let correct = 0;
    for (let r = 0; r < x.rows; r++) {
      forward(x, r);
      let best = 0;
      for (let c = 1; c < C; c++) if (logits[c] > logits[best]) best = c;
      if (best === labels[r]) correct++;
    }
    return correct / Math.max(1, x.rows);
  };
  return {
    accuracy: accuracy(options.test, options.testLabels),
    trainAccuracy: accuracy(train, options.trainLabels),
  };
}
