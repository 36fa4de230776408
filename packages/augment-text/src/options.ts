import { badRecord } from '@manyviews/augment-core';

/**
 * EDA's number of edits for a sentence of `words` words: `max(1, round(alpha * words))` (Wei and
 * Zou 2019, section 2.1; their code floors instead of rounding, which makes alpha = 0.1 a no-op
 * below ten words). Zero when `alpha` is zero or there are no words.
 */
export function edaCount(alpha: number, words: number): number {
  if (alpha <= 0 || words <= 0) return 0;
  return Math.max(1, Math.round(alpha * words));
}

/** Checks that a record's field is an array (of `what`), for a replay error that names it. */
export function recordList<T>(name: string, list: unknown, what: string): T[] {
  if (!Array.isArray(list)) throw badRecord(name, `an array of ${what}`, list);
  return list as T[];
}

/**
 * How many of `available` words a fixed-rate transform (dropout, masking) touches:
 * `max(1, round(p * available))`, but always leaving at least one word untouched; zero when `p` is
 * zero or there is at most one word.
 */
export function fixedRateCount(p: number, available: number): number {
  if (p <= 0 || available <= 1) return 0;
  return Math.min(available - 1, Math.max(1, Math.round(p * available)));
}
