import {
  badRecord,
  type ParamSpecs,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { meanLuma } from './gray.js';
import { defineImageTransform } from './image-transform.js';
import { jitterWasm } from './jitter-wasm.js';
import { allocPixels } from './pixel-arena.js';
import type { RawImage } from './raw-image.js';

/** Options of {@link colorJitter}; 0 turns an adjustment off. */
export interface ColorJitterOptions {
  /** Brightness factor uniform in `[max(0, 1 - b), 1 + b]`; default 0.4. */
  brightness?: number;
  /** Contrast factor uniform in `[max(0, 1 - c), 1 + c]`; default 0.4. */
  contrast?: number;
  /** Saturation factor uniform in `[max(0, 1 - s), 1 + s]`; default 0 (off). */
  saturation?: number;
  /** Hue shift uniform in `[-h, h]` of a turn, `h` in [0, 0.5]; default 0 (off). */
  hue?: number;
}

/** One adjustment of {@link colorJitter}. */
export type JitterOp = 'brightness' | 'contrast' | 'saturation' | 'hue';

/**
 * What {@link colorJitter} records: the adjustments in the order applied, and each one's factor
 * (for `hue`, the shift in turns). Only adjustments that were applied appear.
 */
export interface ColorJitterParams {
  order: JitterOp[];
  brightness?: number;
  contrast?: number;
  saturation?: number;
  hue?: number;
}

/** Option specs of {@link colorJitter}. */
export const colorJitterSpecs: ParamSpecs = {
  brightness: { kind: 'number', min: 0, default: 0.4, doc: 'factor in [max(0, 1-b), 1+b]' },
  contrast: { kind: 'number', min: 0, default: 0.4, doc: 'factor in [max(0, 1-c), 1+c]' },
  saturation: { kind: 'number', min: 0, default: 0, doc: 'factor in [max(0, 1-s), 1+s]' },
  hue: { kind: 'number', min: 0, max: 0.5, default: 0, doc: 'shift in [-h, h] of a turn' },
};

const OPS: readonly JitterOp[] = ['brightness', 'contrast', 'saturation', 'hue'];

/**
 * Randomly changes brightness, contrast, saturation and hue, in a random order, with
 * torchvision's `ColorJitter` semantics on float images: brightness scales (`f x`), contrast
 * blends with the mean luma of the image (`f x + (1 - f) mean`), saturation blends with each
 * pixel's luma, hue rotates the HSV hue; the result is clamped to [0, 1] after each step. Gray
 * images skip saturation and hue; alpha is left as it is.
 *
 * @param options see {@link ColorJitterOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` naming the field (e.g. `hue: 0.7`)
 * @example
 * colorJitter({ brightness: 0.4, contrast: 0.4 }).run(img, rng).record.params;
 * // { order: ['contrast', 'brightness'], contrast: 1.21, brightness: 0.83 }
 */
export function colorJitter(options?: ColorJitterOptions): Transform<RawImage, ColorJitterParams> {
  const o = resolveOptions('colorJitter', colorJitterSpecs, options);
  const amount: Record<JitterOp, number> = {
    brightness: o.brightness as number,
    contrast: o.contrast as number,
    saturation: o.saturation as number,
    hue: o.hue as number,
  };
  const enabled = OPS.filter((op) => amount[op] > 0);
  const enabledGray = enabled.filter((op) => op === 'brightness' || op === 'contrast');

  return defineImageTransform<ColorJitterParams>({
    name: 'colorJitter',
    options: o,
    sample(img, rng) {
      const ops = img.channels === 1 ? enabledGray : enabled;
      const order = rng.permutation(ops.length);
      const params: ColorJitterParams = { order: Array.from(order, (i) => ops[i]) };
      for (const op of ops) {
        const a = amount[op];
        params[op] = op === 'hue' ? rng.uniform(-a, a) : rng.uniform(Math.max(0, 1 - a), 1 + a);
      }
      return params;
    },
    apply: applyJitter,
  });
}

/**
 * Applies recorded jitter parameters; see {@link colorJitter}. Returns the input object itself
 * when the record holds no adjustment.
 *
 * The adjustments run fused, pixel by pixel, in as few passes over the image as the order
 * allows: brightness, saturation and hue only look at the pixel, so consecutive ones share a
 * pass, and contrast, which needs the mean luma of the image as it is at that point, starts a
 * new pass whose mean the previous pass summed on its way. At most two passes for the four
 * adjustments (one plus a reading pass when contrast comes first), instead of one per step plus
 * a copy. Values stay in float64 between fused steps and are clamped after each, as torchvision
 * clamps after each `adjust_*`. RGB images, where the engine has WebAssembly SIMD, take
 * `wasm/color-jitter.wat` instead: one float32 pass per adjustment over split R, G, B planes,
 * four pixels at a time, within about 1e-6 of the JavaScript kernels (a process always takes
 * the same path, so records replay exactly).
 *
 * @throws {ManyViewsError} `INVALID_RECORD` when an adjustment in `order` has no factor
 */
export function applyJitter(img: RawImage, params: ColorJitterParams): RawImage {
  return jitter(img, params, true);
}

/**
 * {@link applyJitter} always in the JavaScript kernels, the reference the SIMD path is pinned
 * against (`jitter-wasm.test.ts`); not exported from the package.
 */
export function applyJitterReference(img: RawImage, params: ColorJitterParams): RawImage {
  return jitter(img, params, false);
}

function jitter(img: RawImage, params: ColorJitterParams, simd: boolean): RawImage {
  if (!params || !Array.isArray(params.order)) {
    throw badRecord('colorJitter', '{order: [...], <op>: factor}', params);
  }
  const codes: number[] = [];
  const factors: number[] = [];
  for (const op of params.order) {
    const f = params[op];
    if (typeof f !== 'number' || !Number.isFinite(f) || !OPS.includes(op)) {
      throw badRecord('colorJitter', `a factor for ${String(op)}`, f);
    }
    if (op === 'hue' && Math.abs(f) > 0.5)
      throw badRecord('colorJitter', 'a hue in [-0.5, 0.5]', f);
    // Gray images have no saturation or hue: skipping keeps a record made on RGB replayable.
    if (img.channels === 1 && (op === 'saturation' || op === 'hue')) continue;
    codes.push(OPS.indexOf(op));
    factors.push(f);
  }
  if (params.order.length === 0) return img;

  const out = allocPixels(img.data.length);
  const n = img.width * img.height;
  if (simd && img.channels === 3 && jitterWasm(img.data, out, n, codes, factors)) {
    return { ...img, data: out };
  }

  let src = img.data;
  let mean = codes[0] === CONTRAST ? meanLuma(img) : 0;
  let at = 0;
  do {
    let end = at + 1;
    while (end < codes.length && codes[end] !== CONTRAST) end++;
    const kernel = jitterKernel(codes.slice(at, end), img.channels);
    const total = kernel(
      src,
      out,
      Float64Array.from(factors.slice(at, end)),
      mean,
      end < codes.length,
    );
    mean = total / (img.width * img.height);
    src = out;
    at = end;
  } while (at < codes.length);
  return { ...img, data: out };
}

const BRIGHTNESS = 0;
const CONTRAST = 1;
const SATURATION = 2;

/**
 * One fused pass: applies a run of adjustments to every pixel of `src` into `dst` (which may be
 * `src`), contrast blending with `mean`; returns the sum of the output's luma when `sum` is set
 * (for the next contrast), else 0. Alpha is copied.
 */
type JitterKernel = (
  src: Float32Array,
  dst: Float32Array,
  factors: Float64Array,
  mean: number,
  sum: boolean,
) => number;

const kernels = new Map<string, JitterKernel>();

/**
 * The fused kernel for a run of adjustment codes on `channels` channels, compiled once and
 * cached (at most 4! orders x 3 channel counts). Generating the loop body straight-line, with
 * the factors in locals, is what makes fusing pay: an interpreted per-pixel switch over the ops
 * cost more than the passes it saved. The source is assembled only from the fixed snippets below
 * and numeric codes, never from input.
 */
function jitterKernel(codes: number[], channels: number): JitterKernel {
  const key = `${channels}:${codes.join('')}`;
  let kernel = kernels.get(key);
  if (kernel) return kernel;

  const clamp = (v: string) => `${v} = ${v} < 0 ? 0 : ${v} > 1 ? 1 : ${v};`;
  const setup = codes
    .map((code, s) =>
      code === CONTRAST
        ? `const f${s} = factors[${s}], a${s} = (1 - f${s}) * mean;`
        : `const f${s} = factors[${s}];`,
    )
    .join('\n');
  const colour = channels === 1 ? ['v'] : ['r', 'g', 'b'];
  const body = codes
    .map((code, s) => {
      if (code === BRIGHTNESS) return colour.map((v) => `${v} *= f${s}; ${clamp(v)}`).join('\n');
      if (code === CONTRAST) {
        return colour.map((v) => `${v} = ${v} * f${s} + a${s}; ${clamp(v)}`).join('\n');
      }
      if (code === SATURATION) {
        return [
          `{ const y = (1 - f${s}) * (0.2989 * r + 0.587 * g + 0.114 * b);`,
          ...['r', 'g', 'b'].map((v) => `${v} = f${s} * ${v} + y; ${clamp(v)}`),
          '}',
        ].join('\n');
      }
      return HUE_SNIPPET.replaceAll('SHIFT', `f${s}`);
    })
    .join('\n');
  const source =
    channels === 1
      ? `${setup}
let total = 0;
for (let i = 0; i < src.length; i++) {
  let v = src[i];
  ${body}
  dst[i] = v;
  total += v;
}
return sum ? total : 0;`
      : `${setup}
let total = 0;
for (let i = 0; i < src.length; i += ${channels}) {
  let r = src[i], g = src[i + 1], b = src[i + 2];
  ${body}
  dst[i] = r; dst[i + 1] = g; dst[i + 2] = b;
  ${channels === 4 ? 'dst[i + 3] = src[i + 3];' : ''}
  if (sum) total += 0.2989 * r + 0.587 * g + 0.114 * b;
}
return total;`;
  kernel = new Function('src', 'dst', 'factors', 'mean', 'sum', source) as JitterKernel;
  kernels.set(key, kernel);
  return kernel;
}

// Rotates the HSV hue by SHIFT turns with torchvision's _rgb2hsv / _hsv2rgb semantics, in the
// branch-free form of _hsv2rgb: channel n of (r, g, b) = (5, 3, 1) is
// v - v s clamp(min(k, 4 - k), 0, 1) with k = (n + 6 h) mod 6, and v s = max - min. Gray
// pixels (max = min) have no hue and are left as they are.
const HUE_SNIPPET = `{
  const mx = r > g ? (r > b ? r : b) : g > b ? g : b;
  const cr = mx - (r < g ? (r < b ? r : b) : g < b ? g : b);
  if (cr > 0) {
    let h = mx === r ? (g - b) / cr : mx === g ? 2 + (b - r) / cr : 4 + (r - g) / cr;
    h += 6 * SHIFT;
    if (h < 0) h += 6; else if (h >= 6) h -= 6;
    if (h < 0) h += 6;
    let k = h + 5; if (k >= 6) k -= 6;
    let t = 4 - k < k ? 4 - k : k; t = t < 0 ? 0 : t > 1 ? 1 : t;
    const nr = mx - cr * t;
    k = h + 3; if (k >= 6) k -= 6;
    t = 4 - k < k ? 4 - k : k; t = t < 0 ? 0 : t > 1 ? 1 : t;
    const ng = mx - cr * t;
    k = h + 1; if (k >= 6) k -= 6;
    t = 4 - k < k ? 4 - k : k; t = t < 0 ? 0 : t > 1 ? 1 : t;
    b = mx - cr * t; r = nr; g = ng;
  }
}`;
