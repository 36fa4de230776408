import type { Rng } from '@manyviews/augment-core';

/** A uniform draw from `[lo, hi)`; exactly `lo` when the range is a single value. */
export function uniformIn(rng: Rng, [lo, hi]: readonly [number, number]): number {
  return lo === hi ? lo : rng.uniform(lo, hi);
}

/**
 * A log-uniform draw from `[lo, hi)` (both > 0): equal odds for each octave, which suits ratios
 * (speed 0.8 is as far from 1 as 1.25) and frequencies (200-400 Hz counts as much as 2-4 kHz).
 */
export function logUniformIn(rng: Rng, [lo, hi]: readonly [number, number]): number {
  return lo === hi ? lo : Math.exp(rng.uniform(Math.log(lo), Math.log(hi)));
}

/** A seed for a child generator, drawn from `rng` (a uint32, so records stay plain JSON). */
export function drawSeed(rng: Rng): number {
  return rng.nextUint32();
}
