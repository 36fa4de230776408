import { BLUR_WASM_BASE64 } from './blur-wasm-bytes.js';

// The project's TypeScript libs carry no WebAssembly types (no DOM lib); these are the few used.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
};

interface TapsModule {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  taps(src: number, dst: number, n4: number, step: number, r: number, w: number): void;
}

let module: TapsModule | null | undefined;

/**
 * The SIMD convolution of `wasm/blur-taps.wat`, instantiated on first use; `null` where the
 * engine has no WebAssembly SIMD (the blur then stays in JavaScript).
 */
function tapsModule(): TapsModule | null {
  if (module !== undefined) return module;
  try {
    const bytes = Buffer.from(BLUR_WASM_BASE64, 'base64');
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes));
    module = instance.exports as unknown as TapsModule;
  } catch {
    module = null;
  }
  return module;
}

// Byte layout of the module's memory: weights, one padded row, the row pass, the column pass.
const WEIGHTS = 0;
const PAD = 16384;

/**
 * Blurs interleaved float samples with a symmetric kernel through the SIMD module: the same
 * passes as the JavaScript blur (rows reflect-padded, columns through reflected row offsets),
 * with the straight runs four floats at a time. Values agree with the JavaScript path to float32
 * rounding (weights are float32 here); the choice of path is fixed per process, so a record
 * replays to the same pixels.
 *
 * @param src the image's samples, `h` rows of `stride` floats with `c` per pixel
 * @param out receives the blurred samples (same length)
 * @param weights the symmetric kernel, `2r + 1` taps (the first `r + 1` are read, centre last)
 * @param reflect numpy's `reflect` index rule
 * @returns false where WebAssembly SIMD is missing (nothing written)
 */
export function blurWasm(
  src: Float32Array,
  out: Float32Array,
  w: number,
  h: number,
  c: number,
  weights: Float64Array,
  r: number,
  reflect: (i: number, n: number) => number,
): boolean {
  const m = tapsModule();
  if (!m) return false;
  const stride = w * c;
  const n = src.length;
  const tmpAt = PAD + align16((w + 2 * r) * c * 4 + 16);
  const outAt = tmpAt + align16(n * 4 + 16);
  const needed = outAt + n * 4 + 16;
  if (m.memory.buffer.byteLength < needed) {
    m.memory.grow(Math.ceil((needed - m.memory.buffer.byteLength) / 65536));
  }
  const heap = new Float32Array(m.memory.buffer);
  const wf = heap.subarray(WEIGHTS / 4, WEIGHTS / 4 + r + 1);
  for (let t = 0; t <= r; t++) wf[t] = weights[t];
  const pad = heap.subarray(PAD / 4, PAD / 4 + (w + 2 * r) * c);
  const tmp = heap.subarray(tmpAt / 4, tmpAt / 4 + n);
  const done = heap.subarray(outAt / 4, outAt / 4 + n);
  const vec = stride & ~3;

  for (let y = 0; y < h; y++) {
    const row = y * stride;
    pad.set(src.subarray(row, row + stride), r * c);
    for (let e = 0; e < r; e++) {
      const left = row + reflect(e - r, w) * c;
      const right = row + reflect(w + e, w) * c;
      for (let k = 0; k < c; k++) {
        pad[e * c + k] = src[left + k];
        pad[(w + r + e) * c + k] = src[right + k];
      }
    }
    m.taps(PAD + r * c * 4, tmpAt + row * 4, vec, c, r, WEIGHTS);
    for (let i = vec; i < stride; i++) tmp[row + i] = tail(pad, r * c + i, c, r, wf);
  }

  const top = Math.min(r, h);
  const bottom = Math.max(top, h - r);
  const count = (bottom - top) * stride;
  if (count > 0) {
    const count4 = count & ~3;
    m.taps(tmpAt + top * stride * 4, outAt + top * stride * 4, count4, stride, r, WEIGHTS);
    for (let i = top * stride + count4; i < bottom * stride; i++) {
      done[i] = tail(tmp, i, stride, r, wf);
    }
    out.set(done.subarray(top * stride, bottom * stride), top * stride);
  }
  for (let y = 0; y < h; y++) {
    if (y === top) y = bottom;
    if (y >= h) break;
    const o = y * stride;
    for (let i = 0; i < stride; i++) {
      let acc = wf[r] * tmp[o + i];
      for (let t = 0; t < r; t++) {
        const a = reflect(y - r + t, h) * stride;
        const b = reflect(y + r - t, h) * stride;
        acc += wf[t] * (tmp[a + i] + tmp[b + i]);
      }
      out[o + i] = acc;
    }
  }
  return true;
}

/** One output of the convolution at `i` in JavaScript, for the few samples past a vector run. */
function tail(src: Float32Array, i: number, step: number, r: number, wf: Float32Array): number {
  let acc = Math.fround(wf[r] * src[i]);
  for (let t = 0; t < r; t++) {
    const d = (r - t) * step;
    acc = Math.fround(acc + Math.fround(wf[t] * Math.fround(src[i - d] + src[i + d])));
  }
  return acc;
}

function align16(bytes: number): number {
  return (bytes + 15) & ~15;
}
