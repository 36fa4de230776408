import { BLUR_WASM_BASE64 } from './blur-wasm-bytes.js';
import { lazySimdModule, type SimdMemory } from './simd-module.js';
import { assertSamples } from './wasm-guard.js';

interface TapsModule extends SimdMemory {
  taps(src: number, dst: number, n4: number, step: number, r: number, w: number): void;
}

/**
 * The SIMD convolution of `wasm/blur-taps.wat`, instantiated on first use; `null` where the
 * engine has no WebAssembly SIMD (the blur then stays in JavaScript).
 */
const tapsModule = lazySimdModule<TapsModule>(BLUR_WASM_BASE64);

// Byte layout of the module's memory: weights, one padded row, then (16-aligned) the source
// image, the row pass with `r` reflected rows above and below, and the column pass.
const WEIGHTS = 0;
const PAD = 16384;

/**
 * Blurs interleaved float samples with a symmetric kernel through the SIMD module: the same
 * passes as the JavaScript blur (rows reflect-padded, then columns over reflected rows), with
 * the straight runs four floats at a time. The row pass writes into a buffer that also holds
 * `r` reflected rows above and below the image, so the column pass is one straight run over the
 * whole image with no edge cases. Values agree with the JavaScript path to float32 rounding
 * (weights are float32 here); the choice of path is fixed per process, so a record replays to
 * the same pixels.
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
  assertSamples('blurWasm', src, out, w, h, c);
  const stride = w * c;
  const n = src.length;
  const srcAt = PAD + align16((w + 2 * r) * c * 4 + 16);
  const tmpAt = srcAt + align16(n * 4 + 16);
  const outAt = tmpAt + align16((h + 2 * r) * stride * 4 + 16);
  const needed = outAt + n * 4 + 16;
  if (m.memory.buffer.byteLength < needed) {
    m.memory.grow(Math.ceil((needed - m.memory.buffer.byteLength) / 65536));
  }
  const heap = new Float32Array(m.memory.buffer);
  const wf = heap.subarray(WEIGHTS / 4, WEIGHTS / 4 + r + 1);
  for (let t = 0; t <= r; t++) wf[t] = weights[t];
  const pad = PAD / 4;
  const at = srcAt / 4;
  const tmp = tmpAt / 4;
  const vec = stride & ~3;
  heap.set(src, at);

  for (let y = 0; y < h; y++) {
    const row = at + y * stride;
    heap.copyWithin(pad + r * c, row, row + stride);
    for (let e = 0; e < r; e++) {
      const left = row + reflect(e - r, w) * c;
      const right = row + reflect(w + e, w) * c;
      for (let k = 0; k < c; k++) {
        heap[pad + e * c + k] = heap[left + k];
        heap[pad + (w + r + e) * c + k] = heap[right + k];
      }
    }
    const dst = tmp + (y + r) * stride;
    m.taps(PAD + r * c * 4, dst * 4, vec, c, r, WEIGHTS);
    for (let i = vec; i < stride; i++) heap[dst + i] = tail(heap, pad + r * c + i, c, r, wf);
  }

  for (let e = 0; e < r; e++) {
    const above = tmp + (reflect(e - r, h) + r) * stride;
    const below = tmp + (reflect(h + e, h) + r) * stride;
    heap.copyWithin(tmp + e * stride, above, above + stride);
    heap.copyWithin(tmp + (h + r + e) * stride, below, below + stride);
  }
  const count4 = n & ~3;
  m.taps(tmpAt + r * stride * 4, outAt, count4, stride, r, WEIGHTS);
  const done = outAt / 4;
  for (let i = count4; i < n; i++) heap[done + i] = tail(heap, tmp + r * stride + i, stride, r, wf);
  out.set(heap.subarray(done, done + n));
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
