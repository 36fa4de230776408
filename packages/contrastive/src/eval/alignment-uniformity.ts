/**
 * Alignment and uniformity of Wang and Isola (2020) on L2-normalised features.
 *
 * - alignment (alpha = 2): mean of `|f(x) - f(y)|^2` over positive pairs; lower is better;
 * - uniformity (t = 2): `log mean exp(-2 |f(x) - f(y)|^2)` over all distinct pairs of `x`;
 *   lower (more negative) is better.
 *
 * @param a `n x dim` features of first views
 * @param b `n x dim` features of the paired second views
 * @param dim feature width
 * @param maxPairs uniformity uses at most this many rows (its cost is quadratic); default 2048
 */
export function alignmentUniformity(
  a: Float32Array,
  b: Float32Array,
  dim: number,
  maxPairs = 2048,
): { alignment: number; uniformity: number } {
  const n = a.length / dim;
  let align = 0;
  for (let i = 0; i < n; i++) align += squaredDistance(a, i, a === b ? a : b, i, dim);

  const m = Math.min(n, maxPairs);
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      sum += Math.exp(-2 * squaredDistance(a, i, a, j, dim));
      pairs++;
    }
  }
  return { alignment: align / n, uniformity: Math.log(sum / Math.max(1, pairs)) };
}

function squaredDistance(
  x: Float32Array,
  i: number,
  y: Float32Array,
  j: number,
  dim: number,
): number {
  let s = 0;
  const oi = i * dim;
  const oj = j * dim;
  for (let d = 0; d < dim; d++) {
    const t = x[oi + d] - y[oj + d];
    s += t * t;
  }
  return s;
}
