import { ManyViewsError } from '@manyviews/augment-core';
import { allocPixels } from './pixel-arena.js';
import { assertImage, type RawImage } from './raw-image.js';
import { type AxisTables, resampleWasm } from './resample-wasm.js';

/** A rectangle of source pixels: top-left corner and size, integers. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Samples the box `box` of `img` onto a `width` x `height` grid with bilinear interpolation, in
 * one pass (crop and resize together, no intermediate image).
 *
 * Pixel centres are aligned (`align_corners = false`, as PIL and torchvision do): output pixel
 * `dx` reads source `box.x + (dx + 0.5) * box.w / width - 0.5`, clamped to the box, so samples
 * never bleed in from outside it. A box the size of the output copies its pixels exactly. There is
 * no antialiasing filter: shrinking by more than 2x skips source pixels (aliases).
 *
 * Runs in WebAssembly SIMD where the engine has it (`resample-wasm.ts`, float32, within about
 * 1e-7 of {@link resampleBoxReference}), else in JavaScript, which also takes boxes shrunk more
 * than 2x each way (it reads only the samples it needs). The path depends only on the engine and
 * the sizes, so a record always replays to the same pixels.
 *
 * @param img source, any channel count
 * @param box integer rectangle inside `img`
 * @param width output width, a positive integer
 * @param height output height, a positive integer
 * @returns a new image of `width` x `height` with `img.channels` channels
 * @throws {ManyViewsError} `INVALID_BOX` when the box is not inside the image
 */
export function resampleBox(img: RawImage, box: Box, width: number, height: number): RawImage {
  checkBox(img, box);
  const c = img.channels;
  const tables = gridTables(box, width, height);
  const out = allocPixels(width * height * c);

  if (!resampleWasm(img.data, img.width * c, c, box.x, box.w, tables, out)) {
    resampleJs(img.data, img.width * c, c, tables, out);
  }
  return { width, height, channels: img.channels, data: out };
}

/**
 * {@link resampleBox} in JavaScript only (float64 blends, horizontal first): the reference the
 * SIMD path is tested against.
 */
export function resampleBoxReference(
  img: RawImage,
  box: Box,
  width: number,
  height: number,
): RawImage {
  checkBox(img, box);
  const c = img.channels;
  const out = allocPixels(width * height * c);
  resampleJs(img.data, img.width * c, c, gridTables(box, width, height), out);
  return { width, height, channels: img.channels, data: out };
}

// Weights depend only on the column (or row), so compute them once per axis, not per pixel.
function gridTables(box: Box, width: number, height: number): AxisTables {
  const tables = {
    x0: new Int32Array(width),
    x1: new Int32Array(width),
    fx: new Float32Array(width),
    y0: new Int32Array(height),
    y1: new Int32Array(height),
    fy: new Float32Array(height),
  };
  axisWeights(box.x, box.w, width, tables.x0, tables.x1, tables.fx);
  axisWeights(box.y, box.h, height, tables.y0, tables.y1, tables.fy);
  return tables;
}

function resampleJs(
  src: Float32Array,
  stride: number,
  c: number,
  tables: AxisTables,
  out: Float32Array,
): void {
  const { fx, y0: ys0, y1: ys1, fy } = tables;
  const width = fx.length;
  const height = fy.length;
  const xs0 = Int32Array.from(tables.x0, (v) => v * c);
  const xs1 = Int32Array.from(tables.x1, (v) => v * c);

  let o = 0;
  for (let dy = 0; dy < height; dy++) {
    const r0 = ys0[dy] * stride;
    const r1 = ys1[dy] * stride;
    const wy = fy[dy];
    if (c === 1) {
      for (let dx = 0; dx < width; dx++) {
        const a = xs0[dx];
        const b = xs1[dx];
        const wx = fx[dx];
        const top = src[r0 + a] + (src[r0 + b] - src[r0 + a]) * wx;
        const bot = src[r1 + a] + (src[r1 + b] - src[r1 + a]) * wx;
        out[o++] = top + (bot - top) * wy;
      }
    } else if (c === 3) {
      // Unrolled for RGB, the common colour case: no inner channel loop.
      for (let dx = 0; dx < width; dx++) {
        const a = r0 + xs0[dx];
        const b = r0 + xs1[dx];
        const a1 = r1 + xs0[dx];
        const b1 = r1 + xs1[dx];
        const wx = fx[dx];
        const t0 = src[a] + (src[b] - src[a]) * wx;
        const u0 = src[a1] + (src[b1] - src[a1]) * wx;
        const t1 = src[a + 1] + (src[b + 1] - src[a + 1]) * wx;
        const u1 = src[a1 + 1] + (src[b1 + 1] - src[a1 + 1]) * wx;
        const t2 = src[a + 2] + (src[b + 2] - src[a + 2]) * wx;
        const u2 = src[a1 + 2] + (src[b1 + 2] - src[a1 + 2]) * wx;
        out[o] = t0 + (u0 - t0) * wy;
        out[o + 1] = t1 + (u1 - t1) * wy;
        out[o + 2] = t2 + (u2 - t2) * wy;
        o += 3;
      }
    } else {
      for (let dx = 0; dx < width; dx++) {
        const a = r0 + xs0[dx];
        const b = r0 + xs1[dx];
        const a1 = r1 + xs0[dx];
        const b1 = r1 + xs1[dx];
        const wx = fx[dx];
        for (let k = 0; k < c; k++) {
          const top = src[a + k] + (src[b + k] - src[a + k]) * wx;
          const bot = src[a1 + k] + (src[b1 + k] - src[a1 + k]) * wx;
          out[o++] = top + (bot - top) * wy;
        }
      }
    }
  }
}

/**
 * Resizes the whole image to `width` x `height` with bilinear interpolation (pure TypeScript, no
 * sharp), for preprocessing at serve time. See {@link resampleBox} for the sampling grid.
 *
 * @param img source image
 * @param width output width, a positive integer
 * @param height output height, a positive integer
 * @returns a new image; the same channels
 * @throws {ManyViewsError} `IMAGE_INVALID` for a non-positive or non-integer size
 * @example
 * const small = resizeImage(img, 28, 28);
 */
export function resizeImage(img: RawImage, width: number, height: number): RawImage {
  assertImage(img, 'resizeImage');
  for (const [name, v] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) {
      throw new ManyViewsError('IMAGE_INVALID', `resizeImage: ${name} must be a positive integer`, {
        expected: 'an integer >= 1',
        received: v,
      });
    }
  }
  return resampleBox(img, { x: 0, y: 0, w: img.width, h: img.height }, width, height);
}

/**
 * Fills the two neighbours and the blend weight of each output position along one axis.
 * Neighbour indices are absolute source coordinates, clamped to `[start, start + len - 1]`.
 */
function axisWeights(
  start: number,
  len: number,
  n: number,
  i0: Int32Array,
  i1: Int32Array,
  f: Float32Array,
): void {
  const scale = len / n;
  const last = start + len - 1;
  for (let d = 0; d < n; d++) {
    let s = start + (d + 0.5) * scale - 0.5;
    if (s < start) s = start;
    if (s > last) s = last;
    const lo = Math.floor(s);
    i0[d] = lo;
    i1[d] = lo < last ? lo + 1 : last;
    f[d] = s - lo;
  }
}

function checkBox(img: RawImage, box: Box): void {
  const { x, y, w, h } = box;
  const ok =
    Number.isInteger(x) &&
    Number.isInteger(y) &&
    Number.isInteger(w) &&
    Number.isInteger(h) &&
    x >= 0 &&
    y >= 0 &&
    w >= 1 &&
    h >= 1 &&
    x + w <= img.width &&
    y + h <= img.height;
  if (!ok) {
    throw new ManyViewsError('INVALID_BOX', 'the box is not inside the image', {
      expected: `integers with x + w <= ${img.width} and y + h <= ${img.height}, w, h >= 1`,
      received: `{x: ${x}, y: ${y}, w: ${w}, h: ${h}}`,
    });
  }
}
