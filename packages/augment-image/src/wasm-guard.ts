import { ManyViewsError } from '@manyviews/augment-core';

/**
 * The last check before pixels are copied into a SIMD module's memory: the kernels trust the
 * sizes they are given and would read past the image (stale memory of an earlier call) or out
 * of the module's memory if `src` or `out` were shorter than `w * h * c`. Transforms check their
 * input with `assertImage` before they get here; this also covers the exported pixel functions
 * (`flipHorizontal`, `blur`, `applyJitter`, `resampleBox`) called with a hand-made image.
 *
 * @param where the kernel's name, for the message
 * @throws {ManyViewsError} `IMAGE_INVALID` unless `w`, `h` are positive integers, `c` is 1, 3 or 4
 *   and both buffers hold exactly `w * h * c` floats
 */
export function assertSamples(
  where: string,
  src: Float32Array,
  out: Float32Array,
  w: number,
  h: number,
  c: number,
): void {
  const n = w * h * c;
  const ok =
    Number.isInteger(w) &&
    Number.isInteger(h) &&
    w >= 1 &&
    h >= 1 &&
    (c === 1 || c === 3 || c === 4) &&
    src instanceof Float32Array &&
    out instanceof Float32Array &&
    src.length === n &&
    out.length === n;
  if (!ok) {
    throw new ManyViewsError('IMAGE_INVALID', `${where}: the samples do not fit the image`, {
      expected: `two Float32Arrays of ${n} values (${w}x${h}x${c})`,
      received: `${src?.length} and ${out?.length} values`,
    });
  }
}
