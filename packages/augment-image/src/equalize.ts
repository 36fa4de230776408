import { type ParamSpecs, resolveOptions, type Transform } from '@manyviews/augment-core';
import { type RandomOpParams, randomOp } from './random-op.js';
import type { RawImage } from './raw-image.js';

/** Options of {@link equalize}. */
export interface EqualizeOptions {
  /** Probability of equalizing; default 0.5 (torchvision's `RandomEqualize`). */
  p?: number;
}

/** Option specs of {@link equalize}. */
export const equalizeSpecs: ParamSpecs = {
  p: { kind: 'number', min: 0, max: 1, default: 0.5, doc: 'probability of equalizing' },
};

/**
 * With probability `p`, equalizes the histogram of each colour channel (torchvision's
 * `RandomEqualize`, which follows PIL's `ImageOps.equalize`). Alpha is kept.
 *
 * @param options see {@link EqualizeOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` for `p` outside [0, 1]
 */
export function equalize(options?: EqualizeOptions): Transform<RawImage, RandomOpParams<null>> {
  const o = resolveOptions('equalize', equalizeSpecs, options);
  return randomOp('equalize', o, o.p as number, () => null, equalizeImage);
}

/**
 * Histogram equalization per colour channel on 256 bins, torchvision's `_scale_channel`: values
 * are taken to 8 bits, `step = floor((n - count of the last non-empty bin) / 255)`, and bin `v`
 * maps to `floor((cumsum[v - 1] + floor(step / 2)) / step)`, clamped to 255. A channel with
 * `step = 0` (one level, or nearly) is left as it is. Returns a new image.
 */
export function equalizeImage(img: RawImage): RawImage {
  const src = img.data;
  const out = new Float32Array(src);
  const c = img.channels;
  const colours = c === 4 ? 3 : c;
  const bins = new Uint8Array(src.length / c);
  const hist = new Int32Array(256);
  const lut = new Float32Array(256);
  for (let k = 0; k < colours; k++) {
    hist.fill(0);
    for (let i = k, p = 0; i < src.length; i += c, p++) {
      const v = src[i];
      const q = v >= 1 ? 255 : v > 0 ? Math.round(v * 255) : 0;
      bins[p] = q;
      hist[q]++;
    }
    let last = 255;
    while (last > 0 && hist[last] === 0) last--;
    const step = Math.floor((bins.length - hist[last]) / 255);
    if (step === 0) continue;
    let acc = Math.floor(step / 2);
    for (let v = 0; v < 256; v++) {
      lut[v] = Math.min(255, Math.floor(acc / step)) / 255;
      acc += hist[v];
    }
    for (let i = k, p = 0; i < src.length; i += c, p++) out[i] = lut[bins[p]];
  }
  return { ...img, data: out };
}
