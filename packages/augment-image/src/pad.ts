import { type ParamSpecs, resolveOptions, type Transform } from '@manyviews/augment-core';
import { defineImageTransform } from './image-transform.js';
import { badOption } from './option-error.js';
import type { RawImage } from './raw-image.js';

/** How {@link pad} fills the border (torchvision's `padding_mode`). */
export type PadMode = 'constant' | 'edge' | 'reflect' | 'symmetric';

/** Options of {@link pad}. */
export interface PadOptions {
  /**
   * Pixels to add: one number for every side, two for `[left/right, top/bottom]`, four for
   * `[left, top, right, bottom]` (torchvision's order); default [4].
   */
  padding?: readonly number[];
  /** Border rule; default `constant`. */
  mode?: PadMode;
  /** Value of `constant` padding, in [0, 1]; default 0. */
  fill?: number;
}

/** Option specs of {@link pad}. */
export const padSpecs: ParamSpecs = {
  padding: {
    kind: 'numbers',
    minLength: 1,
    maxLength: 4,
    min: 0,
    max: 4096,
    default: [4],
    doc: '[all], [x, y] or [left, top, right, bottom] pixels',
  },
  mode: {
    kind: 'enum',
    values: ['constant', 'edge', 'reflect', 'symmetric'],
    default: 'constant',
    doc: 'border rule',
  },
  fill: { kind: 'number', min: 0, max: 1, default: 0, doc: 'value of constant padding' },
};

/**
 * Pads the image (torchvision's `Pad`). Deterministic: records `null`.
 *
 * @param options see {@link PadOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` naming the field (3 values, fractions)
 * @example
 * pad({ padding: [2, 0], mode: 'reflect' }).apply(img, null); // 4 pixels wider
 */
export function pad(options?: PadOptions): Transform<RawImage, null> {
  const o = resolveOptions('pad', padSpecs, options);
  const p = o.padding as number[];
  if (p.length === 3 || p.some((v) => !Number.isInteger(v))) {
    throw badOption('pad.padding', '1, 2 or 4 integers', p);
  }
  const [left, top, right, bottom] =
    p.length === 1 ? [p[0], p[0], p[0], p[0]] : p.length === 2 ? [p[0], p[1], p[0], p[1]] : p;
  const mode = o.mode as PadMode;
  const fill = o.fill as number;
  return defineImageTransform<null>({
    name: 'pad',
    options: o,
    sample: () => null,
    apply: (img) => padImage(img, left, top, right, bottom, { mode, fill }),
  });
}

/**
 * Pads `img` by the given pixels on each side. `reflect` mirrors without repeating the edge
 * pixel, `symmetric` repeats it, `edge` repeats it outward (numpy's names, as torchvision);
 * padding wider than the image keeps mirroring.
 *
 * @returns a new image of `(W + left + right) x (H + top + bottom)`
 */
export function padImage(
  img: RawImage,
  left: number,
  top: number,
  right: number,
  bottom: number,
  how: { mode: PadMode; fill: number },
): RawImage {
  const { width: w, height: h, channels: c } = img;
  const ow = w + left + right;
  const oh = h + top + bottom;
  const out = new Float32Array(ow * oh * c);
  if (how.mode === 'constant' && how.fill !== 0) out.fill(how.fill);
  const cols = new Int32Array(ow);
  for (let x = 0; x < ow; x++) cols[x] = sourceIndex(x - left, w, how.mode);
  for (let y = 0; y < oh; y++) {
    const sy = sourceIndex(y - top, h, how.mode);
    if (sy < 0) continue;
    const row = sy * w * c;
    const o = y * ow * c;
    if (how.mode === 'constant') {
      out.set(img.data.subarray(row, row + w * c), o + left * c);
      continue;
    }
    for (let x = 0; x < ow; x++) {
      const s = row + cols[x] * c;
      for (let k = 0; k < c; k++) out[o + x * c + k] = img.data[s + k];
    }
  }
  return { width: ow, height: oh, channels: c, data: out };
}

/** The source index of padded position `i` (-1 for constant padding outside). */
function sourceIndex(i: number, n: number, mode: PadMode): number {
  if (i >= 0 && i < n) return i;
  if (mode === 'constant') return -1;
  if (mode === 'edge') return i < 0 ? 0 : n - 1;
  if (n === 1) return 0;
  if (mode === 'reflect') {
    const period = 2 * (n - 1);
    let m = i % period;
    if (m < 0) m += period;
    return m < n ? m : period - m;
  }
  const period = 2 * n;
  let m = i % period;
  if (m < 0) m += period;
  return m < n ? m : period - 1 - m;
}
