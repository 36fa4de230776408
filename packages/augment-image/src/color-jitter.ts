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
 * @throws {ManyViewsError} `INVALID_RECORD` when an adjustment in `order` has no factor
 */
export function applyJitter(img: RawImage, params: ColorJitterParams): RawImage {
  if (!params || !Array.isArray(params.order)) {
    throw badRecord('colorJitter', '{order: [...], <op>: factor}', params);
  }
  if (params.order.length === 0) return img;

  const out: RawImage = { ...img, data: new Float32Array(img.data) };
  for (const op of params.order) {
    const f = params[op];
    if (typeof f !== 'number' || !Number.isFinite(f) || !OPS.includes(op)) {
      throw badRecord('colorJitter', `a factor for ${String(op)}`, f);
    }
    if (op === 'brightness') scaleInPlace(out, f);
    else if (op === 'contrast') blendConstantInPlace(out, f, meanLuma(out));
    else if (out.channels === 1) continue;
    else if (op === 'saturation') saturateInPlace(out, f);
    else shiftHueInPlace(out, f);
  }
  return out;
}

/** `x <- clamp(f x)` on the colour channels. */
function scaleInPlace(img: RawImage, f: number): void {
  const d = img.data;
  const c = img.channels;
  if (c !== 4) {
    for (let i = 0; i < d.length; i++) d[i] = clamp01(d[i] * f);
    return;
  }
  for (let i = 0; i < d.length; i += 4) {
    d[i] = clamp01(d[i] * f);
    d[i + 1] = clamp01(d[i + 1] * f);
    d[i + 2] = clamp01(d[i + 2] * f);
  }
}

/** `x <- clamp(f x + (1 - f) m)` on the colour channels. */
function blendConstantInPlace(img: RawImage, f: number, m: number): void {
  const d = img.data;
  const add = (1 - f) * m;
  if (img.channels !== 4) {
    for (let i = 0; i < d.length; i++) d[i] = clamp01(d[i] * f + add);
    return;
  }
  for (let i = 0; i < d.length; i += 4) {
    d[i] = clamp01(d[i] * f + add);
    d[i + 1] = clamp01(d[i + 1] * f + add);
    d[i + 2] = clamp01(d[i + 2] * f + add);
  }
}

/** `x <- clamp(f x + (1 - f) luma(pixel))` on RGB(A). */
function saturateInPlace(img: RawImage, f: number): void {
  const d = img.data;
  const c = img.channels;
  const g = 1 - f;
  for (let i = 0; i < d.length; i += c) {
    const r = d[i];
    const gr = d[i + 1];
    const b = d[i + 2];
    const y = g * (0.2989 * r + 0.587 * gr + 0.114 * b);
    d[i] = clamp01(f * r + y);
    d[i + 1] = clamp01(f * gr + y);
    d[i + 2] = clamp01(f * b + y);
  }
}

/**
 * Rotates the HSV hue by `shift` turns on RGB(A), following torchvision's `_rgb2hsv` and
 * `_hsv2rgb` pixel by pixel, without building H, S and V planes.
 */
function shiftHueInPlace(img: RawImage, shift: number): void {
  const d = img.data;
  const c = img.channels;
  for (let i = 0; i < d.length; i += c) {
    const r = d[i];
    const g = d[i + 1];
    const b = d[i + 2];
    const maxc = Math.max(r, g, b);
    const minc = Math.min(r, g, b);
    const cr = maxc - minc;
    // A gray pixel has no hue: rotating it changes nothing.
    if (cr === 0) continue;

    const s = cr / maxc;
    let h: number;
    if (maxc === r) h = (g - b) / cr;
    else if (maxc === g) h = 2 + (b - r) / cr;
    else h = 4 + (r - g) / cr;
    // h / 6 is in (-1/6, 1) and |shift| <= 0.5, so one correction brings it into [0, 1).
    h = h / 6 + shift;
    if (h < 0) h += 1;
    else if (h >= 1) h -= 1;

    const h6 = h * 6;
    const sector = h6 | 0;
    const fr = h6 - sector;
    // With s, fr in [0, 1] these stay in [0, v]: torchvision's clamps change nothing here.
    const v = maxc;
    const p = v * (1 - s);
    const q = v * (1 - s * fr);
    const t = v * (1 - s * (1 - fr));
    let ro: number;
    let go: number;
    let bo: number;
    switch (sector) {
      case 0:
        ro = v;
        go = t;
        bo = p;
        break;
      case 1:
        ro = q;
        go = v;
        bo = p;
        break;
      case 2:
        ro = p;
        go = v;
        bo = t;
        break;
      case 3:
        ro = p;
        go = q;
        bo = v;
        break;
      case 4:
        ro = t;
        go = p;
        bo = v;
        break;
      default:
        ro = v;
        go = p;
        bo = q;
    }
    d[i] = ro;
    d[i + 1] = go;
    d[i + 2] = bo;
  }
}

function clamp01(v: number): number {
  return Math.min(Math.max(v, 0), 1);
}
