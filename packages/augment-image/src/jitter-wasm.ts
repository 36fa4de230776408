import { JITTER_WASM_BASE64 } from './jitter-wasm-bytes.js';
import { lazySimdModule, type SimdMemory } from './simd-module.js';
import { assertSamples } from './wasm-guard.js';

interface JitterModule extends SimdMemory {
  split(src: number, r: number, g: number, b: number, n: number): void;
  merge(r: number, g: number, b: number, dst: number, n: number): void;
  affine(at: number, n: number, f: number, a: number): void;
  saturate(r: number, g: number, b: number, n: number, f: number): void;
  hue(r: number, g: number, b: number, n: number, shift6: number): void;
  lumaSum(r: number, g: number, b: number, n: number): number;
}

/**
 * The SIMD passes of `wasm/color-jitter.wat`, instantiated on first use; `null` where the engine
 * has no WebAssembly SIMD (colour jitter then stays in JavaScript).
 */
const jitterModule = lazySimdModule<JitterModule>(JITTER_WASM_BASE64);

/** Adjustment codes, as `color-jitter.ts` numbers them. */
const BRIGHTNESS = 0;
const CONTRAST = 1;
const SATURATION = 2;

/**
 * Runs colour jitter on an RGB image through the SIMD module: the pixels are split into three
 * planes, each adjustment is one pass over them in the given order (clamped after each, as the
 * JavaScript kernels and torchvision do), and the planes are merged into `out`. Arithmetic is
 * float32, where the JavaScript kernels carry float64 between fused steps: outputs agree to
 * about 1e-6. The choice of path is fixed per process, so a record replays to the same pixels.
 *
 * @param src interleaved RGB samples of `n` pixels, values in [0, 1]
 * @param out receives the adjusted samples (same length; may be `src`)
 * @param codes adjustment codes in order (0 brightness, 1 contrast, 2 saturation, 3 hue)
 * @param factors each adjustment's factor (for hue, the shift in turns)
 * @returns false where WebAssembly SIMD is missing (nothing written)
 */
export function jitterWasm(
  src: Float32Array,
  out: Float32Array,
  n: number,
  codes: readonly number[],
  factors: readonly number[],
): boolean {
  const m = jitterModule();
  if (!m) return false;
  assertSamples('jitterWasm', src, out, n, 1, 3);
  const plane = align16(n * 4);
  const r = align16(n * 12);
  const g = r + plane;
  const b = g + plane;
  const needed = b + plane;
  if (m.memory.buffer.byteLength < needed) {
    m.memory.grow(Math.ceil((needed - m.memory.buffer.byteLength) / 65536));
  }
  const heap = new Float32Array(m.memory.buffer);
  const n4 = n & ~3;
  const lanes = plane / 4;

  heap.set(src, 0);
  m.split(0, r, g, b, n4);
  for (let p = n4; p < n; p++) {
    heap[r / 4 + p] = src[p * 3];
    heap[g / 4 + p] = src[p * 3 + 1];
    heap[b / 4 + p] = src[p * 3 + 2];
  }

  for (let s = 0; s < codes.length; s++) {
    const f = factors[s];
    if (codes[s] === BRIGHTNESS) m.affine(r, lanes * 3, f, 0);
    else if (codes[s] === CONTRAST) m.affine(r, lanes * 3, f, (1 - f) * meanLuma(m, heap, r, n));
    else if (codes[s] === SATURATION) m.saturate(r, g, b, lanes, f);
    else m.hue(r, g, b, lanes, 6 * f);
  }

  m.merge(r, g, b, 0, n4);
  for (let p = n4; p < n; p++) {
    heap[p * 3] = heap[r / 4 + p];
    heap[p * 3 + 1] = heap[g / 4 + p];
    heap[p * 3 + 2] = heap[b / 4 + p];
  }
  out.set(heap.subarray(0, n * 3));
  return true;
}

/** The mean luma of the planes at `r` (green and blue follow, `align16(n * 4)` bytes apart). */
function meanLuma(m: JitterModule, heap: Float32Array, r: number, n: number): number {
  const plane = align16(n * 4);
  const n4 = n & ~3;
  let sum = m.lumaSum(r, r + plane, r + 2 * plane, n4);
  for (let p = n4; p < n; p++) {
    const at = r / 4 + p;
    sum += 0.2989 * heap[at] + 0.587 * heap[at + plane / 4] + 0.114 * heap[at + plane / 2];
  }
  return sum / n;
}

function align16(bytes: number): number {
  return (bytes + 15) & ~15;
}
