import { ManyViewsError, type Rng } from '@manyviews/augment-core';
import * as tf from '@tensorflow/tfjs-core';
import { l2Normalize } from './nt-xent.js';

/** The hidden units' nonlinearity: `softplus` for the RBM, `identity` for the InfoNCE check. */
export type RbmActivation = 'softplus' | 'identity';

/** Options shared by {@link rbmLoss}, {@link rbmCandidateWeights} and {@link rbmLossSampled}. */
export interface RbmOptions {
  /** `tau` > 0 in `s(a, b) = z(a)·z(b) / tau`; default 0.5, as {@link ntXentLoss} uses. */
  temperature?: number;
  /** Hidden bias `c`, a number or a scalar tensor (a `tf.Variable` to learn it); default 0. */
  hiddenBias?: number | tf.Scalar;
  /** `softplus` (default, the RBM) or `identity` (turns the loss into InfoNCE when `M = 1`). */
  activation?: RbmActivation;
}

/** Options of {@link rbmLossSampled}: the RBM's, plus the draw. */
export interface RbmSampledOptions extends RbmOptions {
  /** `K'`, negatives drawn per example, with replacement; an integer >= 1. */
  numSamples: number;
  /** Source of the draw; fork one per step (`rng.fork(step)`) so a seed reproduces a run. */
  rng: Rng;
}

interface ResolvedRbm {
  temperature: number;
  hiddenBias: number | tf.Scalar;
  activation: RbmActivation;
}

/**
 * The RBM objective of ManyViews (DESIGN.md, "The objective"), exact over a candidate set.
 *
 * Every vector is L2-normalised inside, `z(u) = u / |u|`, and `s(a, b) = z(a)·z(b) / tau`. The
 * `M` views of example `n` are the hidden units of that example's RBM, whose unnormalised
 * log-probability of a candidate `u` is
 *
 *     g_n(u) = sum_j act( s(u, v_nj) + c )          (act = softplus; c the hidden bias)
 *
 * and the loss restricts the RBM's input space to the candidates `C`:
 *
 *     L = mean_n [ -g_n(x_n) + log sum_{u in C} exp g_n(u) ]
 *
 * The positive `x_n` must be among the candidates, so the first `N` rows of `C` are the anchors
 * `x` themselves, in order (any memory-bank rows follow them); the function reads the positive
 * from `x` and does not compare the rows, so passing anything else gives a different objective.
 * With `M = 1`, `activation: 'identity'` and `c = 0` it is InfoNCE over `C` with the view as the
 * query.
 *
 * @param x anchors' projections, `[N, D]`
 * @param v views' projections, `[N, M, D]`; `v[n]` are example `n`'s hidden units
 * @param candidates `C`, `[K, D]` with `K >= N`: the anchors `x`, then optional memory-bank rows
 * @param options temperature (default 0.5), hidden bias (default 0), activation (default softplus)
 * @returns the scalar loss
 * @throws ManyViewsError `SHAPE_MISMATCH` when the shapes disagree, `INVALID_OPTION` for a
 *   temperature <= 0 or an unknown activation
 * @example
 * const loss = rbmLoss(anchors, views, tf.concat([anchors, bank]), { temperature: 0.2 });
 */
export function rbmLoss(
  x: tf.Tensor2D,
  v: tf.Tensor3D,
  candidates: tf.Tensor2D,
  options: RbmOptions = {},
): tf.Scalar {
  checkShapes('rbmLoss', x, v, candidates);
  const opts = resolveRbm('rbmLoss', options);

  return tf.tidy(() => {
    const zv = normalizeViews(v);
    const positive = positiveScores(l2Normalize(x), zv, opts);
    const scores = candidateScores(zv, l2Normalize(candidates), opts);
    return tf.mean(tf.sub(tf.logSumExp(scores, 1), positive)) as tf.Scalar;
  });
}

/**
 * Each example's RBM's distribution over the candidates, `p_n(u) = softmax_u g_n(u)`: the weight
 * with which the exact loss's gradient pushes `u` away from example `n` (see {@link rbmLoss}).
 *
 * @param v views' projections, `[N, M, D]`
 * @param candidates `C`, `[K, D]`
 * @param options as {@link rbmLoss}
 * @returns `[N, K]`, each row non-negative and summing to one
 * @throws ManyViewsError `SHAPE_MISMATCH`, `INVALID_OPTION` as {@link rbmLoss}
 */
export function rbmCandidateWeights(
  v: tf.Tensor3D,
  candidates: tf.Tensor2D,
  options: RbmOptions = {},
): tf.Tensor2D {
  checkViews('rbmCandidateWeights', v, candidates);
  const opts = resolveRbm('rbmCandidateWeights', options);

  return tf.tidy(
    () =>
      tf.softmax(
        candidateScores(normalizeViews(v), l2Normalize(candidates), opts),
        1,
      ) as tf.Tensor2D,
  );
}

/**
 * The RBM objective with the partition function's gradient estimated by importance sampling from
 * a large bank: `K'` negatives per example are drawn, with replacement, from `p_n` itself.
 *
 * Because `grad log Z_n = E_{u ~ p_n}[ grad g_n(u) ]`, drawing `u_n1 .. u_nK'` from `p_n` and
 * treating the draw as a constant (no gradient flows through the sampling) gives the surrogate
 *
 *     L~ = mean_n [ -g_n(x_n) + (1/K') sum_k g_n(u_nk) + const_n ]
 *
 * Its gradient is an UNBIASED estimate of the exact gradient of {@link rbmLoss} over the bank,
 * with variance falling as `1/K'`: the draw uses the exact `p_n` at the current parameters
 * (computed forward over the whole bank, without backpropagation), so no importance weights are
 * needed; in self-normalised importance sampling with the target as proposal they are all one.
 * Its value would be biased: `E[(1/K') sum_k g_n(u_nk)] = log Z_n - H(p_n)`. So the constant
 * `const_n = log Z_n - (1/K') sum_k g_n(u_nk)`, computed from the forward scores and carrying no
 * gradient, makes the returned value equal the exact loss, for logs to compare with runs of
 * {@link rbmLoss}. What is saved is the backward pass: only the `N·K'` drawn rows get gradients.
 *
 * The first `N` rows of `bank` are the anchors `x`, as for {@link rbmLoss}, so the positive can be
 * drawn too, exactly as often as the exact gradient weighs it.
 *
 * @param x anchors' projections, `[N, D]`
 * @param v views' projections, `[N, M, D]`
 * @param bank `[K, D]` with `K >= N`: the anchors `x`, then memory-bank rows
 * @param options as {@link rbmLoss}, plus `numSamples` (`K'`) and the `rng` of the draw
 * @returns the scalar surrogate loss: the exact value, the sampled gradient
 * @throws ManyViewsError `SHAPE_MISMATCH`, `INVALID_OPTION` as {@link rbmLoss}, and
 *   `INVALID_OPTION` when `numSamples` is not an integer >= 1
 */
export function rbmLossSampled(
  x: tf.Tensor2D,
  v: tf.Tensor3D,
  bank: tf.Tensor2D,
  options: RbmSampledOptions,
): tf.Scalar {
  checkShapes('rbmLossSampled', x, v, bank);
  const opts = resolveRbm('rbmLossSampled', options);
  const { numSamples, rng } = options;
  if (!Number.isInteger(numSamples) || numSamples < 1) {
    throw new ManyViewsError('INVALID_OPTION', 'rbmLossSampled: numSamples must be positive', {
      expected: 'an integer >= 1',
      received: numSamples,
    });
  }

  return tf.tidy(() => {
    const [n, , d] = v.shape;
    const k = bank.shape[0];
    const zv = normalizeViews(v);
    const zBank = l2Normalize(bank);

    // The draw reads the forward scores only; they lie on no path to the returned value, so a
    // surrounding tf.grad does not backpropagate through the full [N, K] score matrix.
    const scores = candidateScores(zv, zBank, opts).dataSync();
    const { indices, corrections } = drawFromRbm(scores, n, k, numSamples, rng);

    const drawn = tf.reshape(gatherRows(zBank, indices), [n, numSamples, d]);
    const sims = tf.div(tf.matMul(zv, drawn, false, true), opts.temperature);
    const sampled = tf.mean(tf.sum(activate(tf.add(sims, opts.hiddenBias), opts), 1), 1);

    const positive = positiveScores(l2Normalize(x), zv, opts);
    const perExample = tf.add(tf.sub(sampled, positive), tf.tensor1d(corrections));
    return tf.mean(perExample) as tf.Scalar;
  });
}

/** `g_n(x_n)` for every `n`: `[N, D]` anchors, `[N, M, D]` views (both unit) -> `[N]`. */
function positiveScores(zx: tf.Tensor2D, zv: tf.Tensor3D, opts: ResolvedRbm): tf.Tensor1D {
  const sims = tf.div(tf.sum(tf.mul(zv, tf.expandDims(zx, 1)), 2), opts.temperature);
  return tf.sum(activate(tf.add(sims, opts.hiddenBias), opts), 1) as tf.Tensor1D;
}

/** `g_n(u)` for every example and candidate: `[N, M, D]` views, `[K, D]` (unit) -> `[N, K]`. */
function candidateScores(zv: tf.Tensor3D, zc: tf.Tensor2D, opts: ResolvedRbm): tf.Tensor2D {
  const [n, m, d] = zv.shape;
  const flat = tf.matMul(tf.reshape(zv, [n * m, d]), zc, false, true);
  const sims = tf.div(tf.reshape(flat, [n, m, zc.shape[0]]), opts.temperature);
  return tf.sum(activate(tf.add(sims, opts.hiddenBias), opts), 1) as tf.Tensor2D;
}

function activate<T extends tf.Tensor>(t: T, opts: ResolvedRbm): T {
  return opts.activation === 'softplus' ? tf.softplus(t) : t;
}

function normalizeViews(v: tf.Tensor3D): tf.Tensor3D {
  const [n, m, d] = v.shape;
  return tf.reshape(l2Normalize(tf.reshape(v, [n * m, d])), [n, m, d]);
}

/**
 * Draws `numSamples` candidate indices per example from `p_n = softmax(scores[n])` (float64 in
 * JS, by inverse CDF) and returns them flattened, `[N * K']`, with each example's
 * `log Z_n - mean_k g_n(u_nk)`.
 */
function drawFromRbm(
  scores: Float32Array | Int32Array | Uint8Array,
  n: number,
  k: number,
  numSamples: number,
  rng: Rng,
): { indices: Int32Array; corrections: Float32Array } {
  const indices = new Int32Array(n * numSamples);
  const corrections = new Float32Array(n);
  const cumulative = new Float64Array(k);
  for (let row = 0; row < n; row++) {
    const offset = row * k;
    let max = -Infinity;
    for (let j = 0; j < k; j++) max = Math.max(max, scores[offset + j]);
    let total = 0;
    for (let j = 0; j < k; j++) {
      total += Math.exp(scores[offset + j] - max);
      cumulative[j] = total;
    }

    let drawnSum = 0;
    for (let s = 0; s < numSamples; s++) {
      const target = rng.next() * total;
      let lo = 0;
      let hi = k - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] > target) hi = mid;
        else lo = mid + 1;
      }
      indices[row * numSamples + s] = lo;
      drawnSum += scores[offset + lo];
    }
    corrections[row] = max + Math.log(total) - drawnSum / numSamples;
  }
  return { indices, corrections };
}

/**
 * `table[indices]`, `[K, D] -> [len, D]`, with its gradient scattered back (repeated rows add).
 * The wasm backend has no `UnsortedSegmentSum` kernel, which `tf.gather`'s gradient needs.
 */
function gatherRows(table: tf.Tensor2D, indices: Int32Array): tf.Tensor2D {
  // customGrad disposes what the forward pass made, so the backward pass builds its own indices.
  const f = tf.customGrad((...inputs: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const t = inputs[0] as tf.Tensor;
    const value = tf.gather(t, tf.tensor1d(indices, 'int32'));
    const gradFunc = (dy: tf.Tensor) => [
      tf.scatterND(tf.tensor2d(indices, [indices.length, 1], 'int32'), dy, t.shape),
    ];
    return { value, gradFunc };
  });
  return f(table) as tf.Tensor2D;
}

function checkViews(fn: string, v: tf.Tensor3D, candidates: tf.Tensor2D): void {
  if (v.rank !== 3 || v.shape[1] < 1) {
    throw new ManyViewsError('SHAPE_MISMATCH', `${fn}: views must be [N, M, D] with M >= 1`, {
      expected: '[N, M, D]',
      received: v.shape,
    });
  }
  if (candidates.rank !== 2 || candidates.shape[1] !== v.shape[2]) {
    throw new ManyViewsError('SHAPE_MISMATCH', `${fn}: candidates must be [K, D] like the views`, {
      expected: `[K, ${v.shape[2]}]`,
      received: candidates.shape,
    });
  }
}

function checkShapes(fn: string, x: tf.Tensor2D, v: tf.Tensor3D, candidates: tf.Tensor2D): void {
  checkViews(fn, v, candidates);
  if (x.rank !== 2 || x.shape[0] !== v.shape[0] || x.shape[1] !== v.shape[2]) {
    throw new ManyViewsError('SHAPE_MISMATCH', `${fn}: anchors must be [N, D] like the views`, {
      expected: `[${v.shape[0]}, ${v.shape[2]}]`,
      received: x.shape,
    });
  }
  if (candidates.shape[0] < x.shape[0]) {
    throw new ManyViewsError('SHAPE_MISMATCH', `${fn}: candidates start with the N anchors`, {
      expected: `at least ${x.shape[0]} rows`,
      received: candidates.shape,
    });
  }
}

function resolveRbm(fn: string, options: RbmOptions): ResolvedRbm {
  const { temperature = 0.5, hiddenBias = 0, activation = 'softplus' } = options;
  if (!(temperature > 0) || !Number.isFinite(temperature)) {
    throw new ManyViewsError('INVALID_OPTION', `${fn}: temperature must be positive`, {
      expected: 'a finite number > 0',
      received: temperature,
    });
  }
  if (activation !== 'softplus' && activation !== 'identity') {
    throw new ManyViewsError('INVALID_OPTION', `${fn}: unknown activation`, {
      expected: "'softplus' or 'identity'",
      received: activation,
    });
  }
  return { temperature, hiddenBias, activation };
}
