import {
  badRecord,
  defineTransform,
  type ParamSpecs,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { meanLuma } from './gray.js';
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

  return defineTransform<RawImage, ColorJitterParams>({
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
 * clamps after each `adjust_*`.
 *
 * @throws {ManyViewsError} `INVALID_RECORD` when an adjustment in `order` has no factor
 */
export function applyJitter(img: RawImage, params: ColorJitterParams): RawImage {
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
    // Gray images have no saturation or hue: skipping keeps a record made on RGB replayable.
    if (img.channels === 1 && (op === 'saturation' || op === 'hue')) continue;
    codes.push(OPS.indexOf(op));
    factors.push(f);
  }
  if (params.order.length === 0) return img;

  const out = new Float32Array(img.data.length);
  let src = img.data;
  let mean = codes[0] === CONTRAST ? meanLuma(img) : 0;
  let at = 0;
  do {
    let end = at + 1;
    while (end < codes.length && codes[end] !== CONTRAST) end++;
    const sumNext = end < codes.length;
    const total = jitterPass(
      src,
      out,
      img.channels,
      codes.slice(at, end),
      factors.slice(at, end),
      mean,
      sumNext,
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
 * One fused pass: applies `codes` (indices into OPS) in order to every pixel of `src` into `dst`
 * (which may be `src`), contrast blending with `mean`. Returns the sum of the output's luma when
 * `sum` is set (for the next contrast), else 0. Alpha is copied.
 */
function jitterPass(
  src: Float32Array,
  dst: Float32Array,
  c: number,
  codes: number[],
  factors: number[],
  mean: number,
  sum: boolean,
): number {
  const n = codes.length;
  let total = 0;
  if (c === 1) {
    for (let i = 0; i < src.length; i++) {
      let v = src[i];
      for (let s = 0; s < n; s++) {
        const f = factors[s];
        v = codes[s] === BRIGHTNESS ? v * f : v * f + (1 - f) * mean;
        v = v < 0 ? 0 : Math.min(v, 1);
      }
      dst[i] = v;
      total += v;
    }
    return sum ? total : 0;
  }
  for (let i = 0; i < src.length; i += c) {
    let r = src[i];
    let g = src[i + 1];
    let b = src[i + 2];
    for (let s = 0; s < n; s++) {
      const f = factors[s];
      const code = codes[s];
      if (code === BRIGHTNESS || code === CONTRAST) {
        const add = code === CONTRAST ? (1 - f) * mean : 0;
        r = clamp01(r * f + add);
        g = clamp01(g * f + add);
        b = clamp01(b * f + add);
      } else if (code === SATURATION) {
        const y = (1 - f) * (0.2989 * r + 0.587 * g + 0.114 * b);
        r = clamp01(f * r + y);
        g = clamp01(f * g + y);
        b = clamp01(f * b + y);
      } else {
        const maxc = r > g ? Math.max(r, b) : Math.max(g, b);
        const minc = r < g ? Math.min(r, b) : Math.min(g, b);
        const cr = maxc - minc;
        // A gray pixel has no hue: rotating it changes nothing.
        if (cr > 0) {
          shiftHue(r, g, b, maxc, cr, f);
          r = HSV_OUT[0];
          g = HSV_OUT[1];
          b = HSV_OUT[2];
        }
      }
    }
    dst[i] = r;
    dst[i + 1] = g;
    dst[i + 2] = b;
    if (c === 4) dst[i + 3] = src[i + 3];
    if (sum) total += 0.2989 * r + 0.587 * g + 0.114 * b;
  }
  return total;
}

// Scratch for shiftHue's three results: a returned array or object per pixel would allocate.
const HSV_OUT = new Float64Array(3);

/**
 * Rotates the HSV hue of one pixel by `shift` turns, following torchvision's `_rgb2hsv` and
 * `_hsv2rgb`, without building H, S and V planes; writes R, G, B to `HSV_OUT`.
 */
function shiftHue(r: number, g: number, b: number, maxc: number, cr: number, shift: number): void {
  const s = cr / maxc;
  let h: number;
  if (maxc === r) h = (g - b) / cr;
  else if (maxc === g) h = 2 + (b - r) / cr;
  else h = 4 + (r - g) / cr;
  // h / 6 is in (-1/6, 1) and |shift| <= 0.5, so one correction brings it into [0, 1).
  h = h / 6 + shift;
  if (h < 0) h += 1;
  else if (h >= 1) h -= 1;
  if (h >= 1) h = 0;

  const h6 = h * 6;
  const sector = h6 | 0;
  const fr = h6 - sector;
  // With s, fr in [0, 1] these stay in [0, v]: torchvision's clamps change nothing here.
  const v = maxc;
  const p = v * (1 - s);
  const q = v * (1 - s * fr);
  const t = v * (1 - s * (1 - fr));
  switch (sector) {
    case 0:
      HSV_OUT[0] = v;
      HSV_OUT[1] = t;
      HSV_OUT[2] = p;
      break;
    case 1:
      HSV_OUT[0] = q;
      HSV_OUT[1] = v;
      HSV_OUT[2] = p;
      break;
    case 2:
      HSV_OUT[0] = p;
      HSV_OUT[1] = v;
      HSV_OUT[2] = t;
      break;
    case 3:
      HSV_OUT[0] = p;
      HSV_OUT[1] = q;
      HSV_OUT[2] = v;
      break;
    case 4:
      HSV_OUT[0] = t;
      HSV_OUT[1] = p;
      HSV_OUT[2] = v;
      break;
    default:
      HSV_OUT[0] = v;
      HSV_OUT[1] = p;
      HSV_OUT[2] = q;
  }
}

function clamp01(v: number): number {
  return v < 0 ? 0 : Math.min(v, 1);
}
