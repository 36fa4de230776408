import { RESAMPLE_WASM_BASE64 } from './resample-wasm-bytes.js';

// The project's TypeScript libs carry no WebAssembly types (no DOM lib); these are the few used.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
};

interface ResampleModule {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
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

let module: ResampleModule | null | undefined;

/**
 * The SIMD pass of `wasm/bilinear-box.wat`, instantiated on first use; `null` where the engine
 * has no WebAssembly SIMD (resampling then stays in JavaScript).
 */
function resampleModule(): ResampleModule | null {
  if (module !== undefined) return module;
  try {
    const bytes = Buffer.from(RESAMPLE_WASM_BASE64, 'base64');
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes));
    module = instance.exports as unknown as ResampleModule;
  } catch {
    module = null;
  }
  return module;
}

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
 * source rows the grid reads are copied into the module's memory in one block; each output row
 * blends its two source rows over the box's width (vertical first), then each output pixel blends
 * two pixels of that row. Arithmetic is float32, where the JavaScript pass blends horizontally
 * first in float64: outputs agree to about 1e-7, and a box the output's size still copies its
 * pixels exactly (weights 0). The choice of path is fixed per process, so a record replays to
 * the same pixels.
 *
 * @param src the source samples, rows of `stride` floats, `c` per pixel
 * @param boxX the box's left column (the tables' columns are absolute)
 * @param boxW the box's width in pixels
 * @param out receives `x0.length * y0.length * c` samples
 * @returns false where WebAssembly SIMD is missing (nothing written)
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
  const top = y0[0];
  const rowCount = y1[outH - 1] - top + 1;
  const span = align16(boxW * c * 4);

  const ysAt = 0;
  const fyAt = ysAt + outH * 8;
  const xsAt = fyAt + outH * 4;
  const fxAt = xsAt + outW * 8;
  const tmpAt = align16(fxAt + outW * 4);
  const rowsAt = tmpAt + span + 16;
  const outAt = align16(rowsAt + rowCount * stride * 4 + 16);
  const needed = outAt + out.length * 4 + 16;
  if (m.memory.buffer.byteLength < needed) {
    m.memory.grow(Math.ceil((needed - m.memory.buffer.byteLength) / 65536));
  }
  const { f32, i32 } = views(m.memory.buffer);

  const rowBytes = stride * 4;
  const left = boxX * c * 4;
  for (let y = 0; y < outH; y++) {
    i32[ysAt / 4 + 2 * y] = (y0[y] - top) * rowBytes + left;
    i32[ysAt / 4 + 2 * y + 1] = (y1[y] - top) * rowBytes + left;
  }
  f32.set(fy, fyAt / 4);
  for (let x = 0; x < outW; x++) {
    i32[xsAt / 4 + 2 * x] = (x0[x] - boxX) * c * 4;
    i32[xsAt / 4 + 2 * x + 1] = (x1[x] - boxX) * c * 4;
  }
  f32.set(fx, fxAt / 4);
  f32.set(src.subarray(top * stride, (top + rowCount) * stride), rowsAt / 4);

  m.resample(rowsAt, ysAt, fyAt, xsAt, fxAt, outW, outH, c * 4, span, tmpAt, outAt);
  out.set(f32.subarray(outAt / 4, outAt / 4 + out.length));
  return true;
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
