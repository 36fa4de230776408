import {
  badRecord,
  defineTransform,
  type ParamSpecs,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { badOption } from './option-error.js';
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
  return defineTransform<RawImage, GaussianBlurParams>({
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
  const out = new Float32Array(src.length);
  if (r === 0) {
    out.set(src);
    return { ...img, data: out };
  }

  // Rows: tap-outer loops stream through memory, several times faster in V8 than a dot product
  // per sample, and the kernel is symmetric, so mirrored taps share one multiply. One long loop
  // per tap runs over the whole image as if it were a single row; only the r columns at each
  // edge read across a row boundary, and those are recomputed with reflection afterwards.
  const stride = w * c;
  const n = src.length;
  const tmp = new Float32Array(n);
  const centre = weights[r];
  const edge = Math.min(r, w) * c;
  for (let i = 0; i < n; i++) tmp[i] = centre * src[i];
  addTaps(src, tmp, weights, r, c, r * c, n - r * c);
  for (let y = 0; y < h; y++) {
    const row = y * stride;
    for (let x = 0; x < w; x++) {
      if (x === edge / c && x < w - r) x = w - r;
      for (let k = 0; k < c; k++) {
        let acc = centre * src[row + x * c + k];
        for (let t = 0; t < r; t++) {
          const left = reflect(x - r + t, w);
          const right = reflect(x + r - t, w);
          acc += weights[t] * (src[row + left * c + k] + src[row + right * c + k]);
        }
        tmp[row + x * c + k] = acc;
      }
    }
  }

  // Columns: away from the top and bottom edges, tap t reads the rows (r - t) above and below,
  // so each tap is one long streaming loop over the interior; edge rows reflect row by row.
  const top = Math.min(r, h);
  const bottom = Math.max(top, h - r);
  const lo = top * stride;
  const hi = bottom * stride;
  for (let i = lo; i < hi; i++) out[i] = centre * tmp[i];
  addTaps(tmp, out, weights, r, stride, lo, hi);
  for (let y = 0; y < h; y++) {
    if (y === top) y = bottom;
    if (y >= h) break;
    const o = y * stride;
    for (let i = 0; i < stride; i++) out[o + i] = centre * tmp[o + i];
    for (let t = 0; t < r; t++) {
      const wt = weights[t];
      const a = reflect(y - r + t, h) * stride;
      const b = reflect(y + r - t, h) * stride;
      for (let i = 0; i < stride; i++) out[o + i] += wt * (tmp[a + i] + tmp[b + i]);
    }
  }
  return { ...img, data: out };
}

/**
 * `dst[i] += sum_t weights[t] * (src[i - (r - t) step] + src[i + (r - t) step])` for `i` in
 * `[lo, hi)`, up to three taps per pass, so `dst` is read and written a third as often.
 */
function addTaps(
  src: Float32Array,
  dst: Float32Array,
  weights: Float64Array,
  r: number,
  step: number,
  lo: number,
  hi: number,
): void {
  let t = 0;
  for (; t + 2 < r; t += 3) {
    const w0 = weights[t];
    const w1 = weights[t + 1];
    const w2 = weights[t + 2];
    const d0 = (r - t) * step;
    const d1 = d0 - step;
    const d2 = d1 - step;
    for (let i = lo; i < hi; i++) {
      dst[i] +=
        w0 * (src[i - d0] + src[i + d0]) +
        w1 * (src[i - d1] + src[i + d1]) +
        w2 * (src[i - d2] + src[i + d2]);
    }
  }
  for (; t + 1 < r; t += 2) {
    const w0 = weights[t];
    const w1 = weights[t + 1];
    const d0 = (r - t) * step;
    const d1 = d0 - step;
    for (let i = lo; i < hi; i++) {
      dst[i] += w0 * (src[i - d0] + src[i + d0]) + w1 * (src[i - d1] + src[i + d1]);
    }
  }
  if (t < r) {
    const w0 = weights[t];
    const d0 = (r - t) * step;
    for (let i = lo; i < hi; i++) dst[i] += w0 * (src[i - d0] + src[i + d0]);
  }
}

/** Normalised Gaussian taps for an odd `size`, trimmed of taps below float32 resolution. */
function kernelWeights(sigma: number, size: number): Float64Array {
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
