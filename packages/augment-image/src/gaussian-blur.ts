import {
  badRecord,
  type ParamSpecs,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { blurWasm } from './blur-wasm.js';
import { defineImageTransform } from './image-transform.js';
import { badOption } from './option-error.js';
import { allocPixels } from './pixel-arena.js';
import type { RawImage } from './raw-image.js';

/** Options of {@link gaussianBlur}. */
export interface GaussianBlurOptions {
  /** Sigma in pixels, uniform in `[lo, hi]`; default [0.1, 2.0]. */
  sigma?: readonly [number, number];
  /** Odd kernel side; 0 (default) derives it from sigma, see {@link blurKernelSize}. */
  kernelSize?: number;
  /**
   * Kernel side as a fraction of the image's shorter side, made odd: SimCLR's rule is 0.1 (23
   * taps at 224). 0 (default) leaves the side to `kernelSize`; both non-zero is refused.
   */
  kernelFraction?: number;
}

/** What {@link gaussianBlur} records: the sigma drawn, in pixels. */
export interface GaussianBlurParams {
  sigma: number;
}

/** Option specs of {@link gaussianBlur}. */
export const gaussianBlurSpecs: ParamSpecs = {
  sigma: { kind: 'range', min: 0.001, max: 1000, default: [0.1, 2], doc: 'sigma in pixels' },
  kernelSize: {
    kind: 'integer',
    min: 0,
    max: 4095,
    default: 0,
    doc: 'odd kernel side; 0 derives 2 ceil(3 sigma) + 1',
  },
  kernelFraction: {
    kind: 'number',
    min: 0,
    max: 1,
    default: 0,
    doc: 'kernel side as a fraction of the shorter side, made odd (SimCLR: 0.1)',
  },
};

/**
 * Blurs with a Gaussian of sigma uniform in `sigma`, as two 1-D passes (rows, then columns),
 * borders reflected (torchvision's `GaussianBlur` padding). Every channel is blurred, alpha too.
 *
 * Kernel size: `kernelSize` when given (odd); with 0 it is derived from the drawn sigma as
 * `2 * ceil(3 * sigma) + 1` (odd, about `6 sigma + 1`, which keeps 99.7% of the mass). Either way
 * it is capped at `2 * min(width, height) - 1` so the reflected border stays inside the image.
 * Taps whose weight is below float32 resolution (2^-24 of the total) are dropped, which changes
 * no output by more than about 1e-6 and makes a large fixed kernel with a small sigma cheap.
 *
 * @param options see {@link GaussianBlurOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` for an even `kernelSize` or a bad sigma range
 * @example
 * gaussianBlur({ sigma: [0.1, 0.5] }).run(img, rng).record.params; // { sigma: 0.31 }
 */
export function gaussianBlur(
  options?: GaussianBlurOptions,
): Transform<RawImage, GaussianBlurParams> {
  const o = resolveOptions('gaussianBlur', gaussianBlurSpecs, options);
  const [lo, hi] = o.sigma as [number, number];
  const kernelSize = o.kernelSize as number;
  const fraction = o.kernelFraction as number;
  if (kernelSize !== 0 && kernelSize % 2 === 0) {
    throw badOption(
      'gaussianBlur.kernelSize',
      'an odd integer, or 0 to derive it from sigma',
      kernelSize,
    );
  }
  if (kernelSize !== 0 && fraction !== 0) {
    throw badOption('gaussianBlur.kernelFraction', '0 when kernelSize is given', fraction);
  }
  return defineImageTransform<GaussianBlurParams>({
    name: 'gaussianBlur',
    options: o,
    sample: (_img, rng) => ({ sigma: rng.uniform(lo, hi) }),
    apply(img, params) {
      if (typeof params?.sigma !== 'number' || !(params.sigma > 0)) {
        throw badRecord('gaussianBlur', 'a positive sigma', params);
      }
      const side = fraction > 0 ? fractionKernel(fraction, img.width, img.height) : kernelSize;
      return blur(img, params.sigma, side);
    },
  });
}

/**
 * The kernel side {@link gaussianBlur} uses for `sigma` on an image of `width` x `height`.
 *
 * @param kernelSize the option (0 derives from sigma)
 * @returns an odd integer >= 1
 */
export function blurKernelSize(
  sigma: number,
  kernelSize: number,
  width: number,
  height: number,
): number {
  const wanted = kernelSize > 0 ? kernelSize : 2 * Math.ceil(3 * sigma) + 1;
  return Math.max(1, Math.min(wanted, 2 * Math.min(width, height) - 1));
}

/**
 * SimCLR's kernel rule (Chen et al. 2020, appendix A: "kernel size is set to be 10% of the
 * image height/width"): `floor(fraction * min(W, H))`, plus one when even, so 23 at 224 as in
 * the reference `(size // 10) | 1`.
 *
 * @returns an odd integer >= 1
 */
export function fractionKernel(fraction: number, width: number, height: number): number {
  return Math.floor(fraction * Math.min(width, height)) | 1;
}

/**
 * Blurs `img` with a separable Gaussian; see {@link gaussianBlur}. Returns a new image.
 */
export function blur(img: RawImage, sigma: number, kernelSize: number): RawImage {
  const { width: w, height: h, channels: c } = img;
  const weights = kernelWeights(sigma, blurKernelSize(sigma, kernelSize, w, h));
  const r = (weights.length - 1) / 2;
  const src = img.data;
  const out = allocPixels(src.length);
  if (r === 0) {
    out.set(src);
    return { ...img, data: out };
  }

  // Where the engine has WebAssembly SIMD (Node 16.4 on), the same passes run four floats at a
  // time; blurPasses is the fallback and the reference.
  if (blurWasm(src, out, w, h, c, weights, r, reflect)) return { ...img, data: out };

  blurPasses(src, out, w, h, c, weights, r);
  return { ...img, data: out };
}

/**
 * The JavaScript blur passes (the fallback of the SIMD module, and its reference in tests):
 * writes the blur of `src`, `h` rows of `w` pixels of `c` floats, into `out`.
 *
 * @param weights the symmetric kernel, `2r + 1` taps (the first `r + 1` are read, centre last)
 */
export function blurPasses(
  src: Float32Array,
  out: Float32Array,
  w: number,
  h: number,
  c: number,
  weights: Float64Array,
  r: number,
): void {
  // Rows: each row is copied once into a buffer padded by r reflected pixels on each side, so
  // the taps run as plain streaming loops over a row that sits in L1 cache, with no edge cases.
  // The kernel is symmetric: mirrored taps share one multiply, and three tap pairs go per loop,
  // so the output row is read and written a third as often.
  const stride = w * c;
  const tmp = allocPixels(src.length);
  const padded = scratch((w + 2 * r) * c);
  const centre = weights[r];
  const taps = tapKernel(r);
  for (let y = 0; y < h; y++) {
    const row = y * stride;
    padded.set(src.subarray(row, row + stride), r * c);
    for (let e = 0; e < r; e++) {
      const left = row + reflect(e - r, w) * c;
      const right = row + reflect(w + e, w) * c;
      for (let k = 0; k < c; k++) {
        padded[e * c + k] = src[left + k];
        padded[(w + r + e) * c + k] = src[right + k];
      }
    }
    taps(padded, r * c, tmp, row, stride, c, weights);
  }

  // Columns: output row y reads rows y - r .. y + r of the row pass, reflected at the top and
  // bottom through a table of row offsets; the same three-pairs-per-loop streaming over a row.
  const rows = new Int32Array(h + 2 * r);
  for (let y = -r; y < h + r; y++) rows[y + r] = reflect(y, h) * stride;
  for (let y = 0; y < h; y++) {
    // Away from the top and bottom the rows are evenly spaced: one straight-line kernel.
    if (y >= r && y < h - r) {
      taps(tmp, y * stride, out, y * stride, stride, stride, weights);
      continue;
    }
    const dst = out.subarray(y * stride, (y + 1) * stride);
    const mid = rows[y + r];
    for (let i = 0; i < stride; i++) dst[i] = centre * tmp[mid + i];
    let t = 0;
    for (; t + 2 < r; t += 3) {
      const w0 = weights[t];
      const w1 = weights[t + 1];
      const w2 = weights[t + 2];
      const a0 = rows[y + t];
      const b0 = rows[y + 2 * r - t];
      const a1 = rows[y + t + 1];
      const b1 = rows[y + 2 * r - t - 1];
      const a2 = rows[y + t + 2];
      const b2 = rows[y + 2 * r - t - 2];
      for (let i = 0; i < stride; i++) {
        dst[i] +=
          w0 * (tmp[a0 + i] + tmp[b0 + i]) +
          w1 * (tmp[a1 + i] + tmp[b1 + i]) +
          w2 * (tmp[a2 + i] + tmp[b2 + i]);
      }
    }
    for (; t < r; t++) {
      const wt = weights[t];
      const a = rows[y + t];
      const b = rows[y + 2 * r - t];
      for (let i = 0; i < stride; i++) dst[i] += wt * (tmp[a + i] + tmp[b + i]);
    }
  }
}

let scratchBuffer = new Float32Array(0);

/** A reused row buffer of at least `n` floats (rows never escape `blur`). */
function scratch(n: number): Float32Array {
  if (scratchBuffer.length < n) scratchBuffer = new Float32Array(n);
  return scratchBuffer;
}

/**
 * `dst[d + i] = w[r] src[s + i] + sum_t w[t] (src[s + i - (r - t) step] + src[s + i + (r - t) step])`
 * for `i` in `[0, n)`: one symmetric 1-D convolution along a run of evenly spaced samples.
 */
type TapKernel = (
  src: Float32Array,
  s: number,
  dst: Float32Array,
  d: number,
  n: number,
  step: number,
  weights: Float64Array,
) => void;

const tapKernels = new Map<number, TapKernel>();

/**
 * The convolution loop for radius `r`, generated once per radius with every tap unrolled and
 * its weight and offset in locals: each output is one store and `2r + 1` loads, instead of a
 * read-modify-write of the output per group of taps. The source is built only from `r` and
 * fixed text.
 */
function tapKernel(r: number): TapKernel {
  let kernel = tapKernels.get(r);
  if (kernel) return kernel;
  const lines = [`const c = weights[${r}];`];
  const terms = ['c * src[j]'];
  for (let t = 0; t < r; t++) {
    lines.push(`const w${t} = weights[${t}], o${t} = ${r - t} * step;`);
    terms.push(`w${t} * (src[j - o${t}] + src[j + o${t}])`);
  }
  lines.push(`for (let i = 0; i < n; i++) { const j = s + i; dst[d + i] = ${terms.join(' + ')}; }`);
  kernel = new Function(
    'src',
    's',
    'dst',
    'd',
    'n',
    'step',
    'weights',
    lines.join('\n'),
  ) as TapKernel;
  tapKernels.set(r, kernel);
  return kernel;
}

/**
 * Normalised Gaussian taps for an odd `size`, trimmed of taps below float32 resolution; exported
 * for the tests that pin the SIMD passes to {@link blurPasses}, not from the package.
 */
export function kernelWeights(sigma: number, size: number): Float64Array {
  const half = (size - 1) / 2;
  const full = new Float64Array(size);
  let sum = 0;
  for (let i = 0; i < size; i++) {
    const x = (i - half) / sigma;
    full[i] = Math.exp(-0.5 * x * x);
    sum += full[i];
  }
  let keep = half;
  while (keep > 0 && full[half - keep] / sum < 2 ** -24) keep--;
  const trimmed = full.slice(half - keep, half + keep + 1);
  let kept = 0;
  for (const v of trimmed) kept += v;
  for (let i = 0; i < trimmed.length; i++) trimmed[i] /= kept;
  return trimmed;
}

/** Reflects an index into `[0, n - 1]` without repeating the edge (numpy `reflect`). */
function reflect(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  let m = i % period;
  if (m < 0) m += period;
  return m < n ? m : period - m;
}
