import type { Rng } from '@manyviews/augment-core';

/**
 * A Gamma(shape, 1) draw by Marsaglia and Tsang's method (2000); shapes below 1 are boosted with
 * `Gamma(shape + 1) * U^(1 / shape)`. The rejection loop accepts over 95% of proposals.
 *
 * @param shape > 0
 */
export function sampleGamma(rng: Rng, shape: number): number {
  if (shape < 1) return sampleGamma(rng, shape + 1) * rng.next() ** (1 / shape);

  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = rng.normal();
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    const u = rng.next();
    if (u < 1 - 0.0331 * x ** 4) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * A Beta(a, b) draw in [0, 1], as `X / (X + Y)` with `X ~ Gamma(a)`, `Y ~ Gamma(b)`.
 *
 * @param a > 0
 * @param b > 0
 */
export function sampleBeta(rng: Rng, a: number, b: number): number {
  const x = sampleGamma(rng, a);
  const y = sampleGamma(rng, b);
  return x / (x + y);
}
