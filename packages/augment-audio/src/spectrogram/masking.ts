import { badRecord, type Rng } from '@manyviews/augment-core';
import type { LogMel } from '../features/log-mel.js';

/** What a SpecAugment mask is filled with: the spectrogram's mean (default) or zero. */
export type MaskFill = 'mean' | 'zero';

/** The value masked cells take in `spec`. */
export function fillValue(spec: LogMel, fill: MaskFill): number {
  if (fill === 'zero') return 0;
  let sum = 0;
  for (let i = 0; i < spec.data.length; i++) sum += spec.data[i];
  return sum / spec.data.length;
}

/**
 * Draws `count` SpecAugment masks over an axis of `size`: width `w` uniform in
 * `[0, min(maxWidth, floor(maxFraction * size))]`, start uniform in `[0, size - w]` (Park et al.,
 * 2019, section 2).
 *
 * @returns `[start, width]` pairs
 */
export function drawMasks(
  rng: Rng,
  size: number,
  count: number,
  maxWidth: number,
  maxFraction: number,
): Array<[number, number]> {
  const limit = Math.min(maxWidth, Math.floor(maxFraction * size), size);
  const masks: Array<[number, number]> = [];
  for (let m = 0; m < count; m++) {
    const width = rng.int(0, limit);
    masks.push([rng.int(0, size - width), width]);
  }
  return masks;
}

/** Checks that recorded masks fit an axis of `size`. */
export function checkMasks(where: string, masks: Array<[number, number]>, size: number): void {
  for (const mask of masks) {
    const [start, width] = mask;
    if (
      !(
        Number.isInteger(start) &&
        Number.isInteger(width) &&
        start >= 0 &&
        width >= 0 &&
        start + width <= size
      )
    ) {
      throw badRecord(where, `masks [start, width] with start + width <= ${size}`, mask);
    }
  }
}
