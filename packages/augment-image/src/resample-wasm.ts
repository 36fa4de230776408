import { ManyViewsError } from '@manyviews/augment-core';
import { RESAMPLE_WASM_BASE64 } from './resample-wasm-bytes.js';
import { lazySimdModule, type SimdMemory } from './simd-module.js';
import { assertSamples } from './wasm-guard.js';

interface ResampleModule extends SimdMemory {
  resample(
    rows: number,
    ys: number,
    fy: number,
    xs: number,
    fx: number,
    outW: number,
    outH: number,
    pix: number,
    span: number,
    tmp: number,
    out: number,
  ): void;
  mirror(src: number, dst: number, w: number, h: number, pix: number): void;
}

/**
 * The SIMD pass of `wasm/bilinear-box.wat`, instantiated on first use; `null` where the engine
 * has no WebAssembly SIMD (resampling then stays in JavaScript).
 */
const resampleModule = lazySimdModule<ResampleModule>(RESAMPLE_WASM_BASE64);

/** Per-axis neighbours (absolute source coordinates) and blend weights, as `resample.ts` builds. */
export interface AxisTables {
  x0: Int32Array;
  x1: Int32Array;
  fx: Float32Array;
  y0: Int32Array;
  y1: Int32Array;
  fy: Float32Array;
}

/**
 * Bilinear resampling of a box through the SIMD module, on the grid `tables` describes. The
 * box's span of each source row the grid reads is copied into the module's memory (so memory
 * grows with the output and the box's width, not the source's size); each output row
 * blends its two source rows over the box's width (vertical first), then each output pixel blends
 * two pixels of that row. Arithmetic is float32, where the JavaScript pass blends horizontally
 * first in float64: outputs agree to about 1e-7, and a box the output's size still copies its
 * pixels exactly (weights 0). The path depends only on the engine and the box's and output's
 * sizes, so a record replays to the same pixels.
 *
 * @param src the source samples, rows of `stride` floats, `c` per pixel
 * @param boxX the box's left column (the tables' columns are absolute)
 * @param boxW the box's width in pixels
 * @param out receives `x0.length * y0.length * c` samples
 * @returns false where WebAssembly SIMD is missing or the box would copy more than 4 source
 *   samples per output sample (nothing written; the JavaScript pass is as fast there)
 */
export function resampleWasm(
  src: Float32Array,
  stride: number,
  c: number,
  boxX: number,
  boxW: number,
  tables: AxisTables,
  out: Float32Array,
): boolean {
  const m = resampleModule();
  if (!m) return false;
  const { x0, x1, fx, y0, y1, fy } = tables;
  const outW = x0.length;
  const outH = y0.length;
  assertGrid(src, stride, c, boxX, boxW, tables, out);
  const span = align16(boxW * c * 4);
  const slots = Math.min(y1[outH - 1] - y0[0] + 1, 2 * outH);
  // Copying costs a fraction of what the JavaScript pass pays per output sample, but past about
  // 4 copied samples per output sample (a box shrunk more than 2x each way, from a large photo)
  // the JavaScript pass, which reads only the samples it needs, is as fast (measured here: a
  // 3000x2000 photo to 224, 1.0 ms either way with this limit, 1.6 ms copying every box).
  if (slots * boxW > 4 * outW * outH) return false;

  const ysAt = 0;
  const fyAt = ysAt + outH * 8;
  const xsAt = fyAt + outH * 4;
  const fxAt = xsAt + outW * 8;
  const tmpAt = align16(fxAt + outW * 4);
  const rowsAt = tmpAt + span + 16;
  const outAt = rowsAt + slots * span + 16;
  const needed = outAt + out.length * 4 + 16;
  if (m.memory.buffer.byteLength < needed) {
    m.memory.grow(Math.ceil((needed - m.memory.buffer.byteLength) / 65536));
  }
  const { f32, i32 } = views(m.memory.buffer);

  copyRows(src, stride, c, boxX, boxW, y0, y1, f32, i32, rowsAt, span, ysAt);
  f32.set(fy, fyAt / 4);
  for (let x = 0; x < outW; x++) {
    i32[xsAt / 4 + 2 * x] = (x0[x] - boxX) * c * 4;
    i32[xsAt / 4 + 2 * x + 1] = (x1[x] - boxX) * c * 4;
  }
  f32.set(fx, fxAt / 4);

  m.resample(rowsAt, ysAt, fyAt, xsAt, fxAt, outW, outH, c * 4, span, tmpAt, outAt);
  out.set(f32.subarray(outAt / 4, outAt / 4 + out.length));
  return true;
}

/**
 * Copies the box's span of each source row the grid reads (at most two per output row, in
 * order) into consecutive `span`-byte slots at `rowsAt`, and writes each output row's two slot
 * offsets (from `rowsAt`) at `ysAt`. Rows the grid skips (a box shrunk more than 2x) and columns
 * outside the box are never copied.
 */
function copyRows(
  src: Float32Array,
  stride: number,
  c: number,
  boxX: number,
  boxW: number,
  y0: Int32Array,
  y1: Int32Array,
  f32: Float32Array,
  i32: Int32Array,
  rowsAt: number,
  span: number,
  ysAt: number,
): void {
  // Rows come as pairs (a, a + 1) with `a` nondecreasing, so a row seen again is one of the
  // last two copied.
  let last = -1;
  let lastSlot = -span;
  let prev = -1;
  let prevSlot = 0;
  const slotOf = (row: number) => {
    if (row === last) return lastSlot;
    if (row === prev) return prevSlot;
    prev = last;
    prevSlot = lastSlot;
    last = row;
    lastSlot += span;
    const from = row * stride + boxX * c;
    f32.set(src.subarray(from, from + boxW * c), (rowsAt + lastSlot) / 4);
    return lastSlot;
  };
  for (let y = 0; y < y0.length; y++) {
    i32[ysAt / 4 + 2 * y] = slotOf(y0[y]);
    i32[ysAt / 4 + 2 * y + 1] = slotOf(y1[y]);
  }
}

/**
 * Mirrors an image left to right through the SIMD module (`horizontalFlip`): one v128 load and
 * store per pixel, so every value is copied bit for bit, the same as the JavaScript loop.
 *
 * @param src `w * h * c` samples, `c` in 1, 3 or 4
 * @param out receives the mirrored samples (same length, not `src`)
 * @returns false where WebAssembly SIMD is missing (nothing written)
 */
export function mirrorWasm(
  src: Float32Array,
  out: Float32Array,
  w: number,
  h: number,
  c: number,
): boolean {
  const m = resampleModule();
  if (!m) return false;
  assertSamples('mirrorWasm', src, out, w, h, c);
  const dstAt = align16(src.length * 4 + 16);
  const needed = dstAt + src.length * 4 + 16;
  if (m.memory.buffer.byteLength < needed) {
    m.memory.grow(Math.ceil((needed - m.memory.buffer.byteLength) / 65536));
  }
  const { f32 } = views(m.memory.buffer);

  f32.set(src, 0);
  m.mirror(0, dstAt, w, h, c * 4);
  out.set(f32.subarray(dstAt / 4, dstAt / 4 + src.length));
  return true;
}

/**
 * Refuses a grid that would read outside `src`: every column it reads inside the box, the box
 * inside a row, every row it reads inside `src`, and `out` the grid's size.
 */
function assertGrid(
  src: Float32Array,
  stride: number,
  c: number,
  boxX: number,
  boxW: number,
  tables: AxisTables,
  out: Float32Array,
): void {
  const { x0, x1, y0, y1 } = tables;
  const outW = x0.length;
  const outH = y0.length;
  const rows = Math.floor(src.length / stride);
  let ok =
    outW >= 1 &&
    outH >= 1 &&
    Number.isInteger(boxX) &&
    Number.isInteger(boxW) &&
    boxX >= 0 &&
    boxW >= 1 &&
    (boxX + boxW) * c <= stride &&
    out.length === outW * outH * c;
  for (let x = 0; ok && x < outW; x++) {
    ok = x0[x] >= boxX && x1[x] >= boxX && x0[x] < boxX + boxW && x1[x] < boxX + boxW;
  }
  for (let y = 0; ok && y < outH; y++) {
    ok = y0[y] >= 0 && y1[y] >= 0 && y0[y] < rows && y1[y] < rows;
  }
  if (!ok) {
    throw new ManyViewsError('IMAGE_INVALID', 'resampleWasm: the grid reads outside the image', {
      expected: `columns in [${boxX}, ${boxX + boxW}), rows in [0, ${rows}), ${outW * outH * c} outputs`,
      received: `a ${outW}x${outH} grid over ${src.length} samples`,
    });
  }
}

let cached: { buffer: ArrayBuffer; f32: Float32Array; i32: Int32Array } | undefined;

/** Float and integer views of the module's memory, made again only when it has grown. */
function views(buffer: ArrayBuffer): { f32: Float32Array; i32: Int32Array } {
  if (cached?.buffer !== buffer) {
    cached = { buffer, f32: new Float32Array(buffer), i32: new Int32Array(buffer) };
  }
  return cached;
}

function align16(bytes: number): number {
  return (bytes + 15) & ~15;
}
