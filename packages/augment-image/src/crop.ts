import {
  badRecord,
  type ParamSpecs,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { defineImageTransform } from './image-transform.js';
import { padImage } from './pad.js';
import type { RawImage } from './raw-image.js';

/** Options of {@link randomCrop}. */
export interface RandomCropOptions {
  /** Output side in pixels; default 224. */
  size?: number;
  /** Output width; 0 (default) means `size`. */
  width?: number;
  /** Output height; 0 (default) means `size`. */
  height?: number;
  /** Pixels padded on every side before cropping (CIFAR's 4); default 0. */
  padding?: number;
  /** Value of padded pixels, in [0, 1]; default 0. */
  fill?: number;
}

/** What {@link randomCrop} records: the top-left corner in the (padded) image. */
export interface RandomCropParams {
  x: number;
  y: number;
}

/** Option specs of {@link randomCrop}. */
export const randomCropSpecs: ParamSpecs = {
  size: { kind: 'integer', min: 1, max: 16384, default: 224, doc: 'output side in pixels' },
  width: { kind: 'integer', min: 0, max: 16384, default: 0, doc: 'output width; 0 means size' },
  height: { kind: 'integer', min: 0, max: 16384, default: 0, doc: 'output height; 0 means size' },
  padding: { kind: 'integer', min: 0, max: 4096, default: 0, doc: 'pixels padded on each side' },
  fill: { kind: 'number', min: 0, max: 1, default: 0, doc: 'value of padded pixels' },
};

/**
 * Crops a box of the output size at a uniform position (torchvision's `RandomCrop` with
 * `pad_if_needed=True`): the image is first padded by `padding` on every side, then, if still
 * smaller than the output, padded on the right and bottom to fit.
 *
 * @param options see {@link RandomCropOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` naming the field
 * @example
 * randomCrop({ size: 32, padding: 4 }).run(cifarImage, rng).record.params; // { x: 3, y: 6 }
 */
export function randomCrop(options?: RandomCropOptions): Transform<RawImage, RandomCropParams> {
  const o = resolveOptions('randomCrop', randomCropSpecs, options);
  const outW = (o.width as number) || (o.size as number);
  const outH = (o.height as number) || (o.size as number);
  const padding = o.padding as number;
  const fill = o.fill as number;
  const padded = (img: RawImage) => {
    const w = img.width + 2 * padding;
    const h = img.height + 2 * padding;
    return { w: Math.max(w, outW), h: Math.max(h, outH) };
  };
  return defineImageTransform<RandomCropParams>({
    name: 'randomCrop',
    options: o,
    sample(img, rng) {
      const { w, h } = padded(img);
      return { x: rng.int(0, w - outW), y: rng.int(0, h - outH) };
    },
    apply(img, params) {
      const { w, h } = padded(img);
      const { x, y } = params ?? {};
      if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0) {
        throw badRecord('randomCrop', 'integer {x, y} >= 0', params);
      }
      if (x > w - outW || y > h - outH) {
        throw badRecord('randomCrop', `x <= ${w - outW}, y <= ${h - outH}`, params);
      }
      const grown =
        w === img.width && h === img.height
          ? img
          : padImage(img, padding, padding, w - img.width - padding, h - img.height - padding, {
              mode: 'constant',
              fill,
            });
      return cropImage(grown, x, y, outW, outH);
    },
  });
}

/** Options of {@link centerCrop}. */
export interface CenterCropOptions {
  /** Output side; default 224. */
  size?: number;
  /** Output width; 0 (default) means `size`. */
  width?: number;
  /** Output height; 0 (default) means `size`. */
  height?: number;
}

/** Option specs of {@link centerCrop}. */
export const centerCropSpecs: ParamSpecs = {
  size: { kind: 'integer', min: 1, max: 16384, default: 224, doc: 'output side in pixels' },
  width: { kind: 'integer', min: 0, max: 16384, default: 0, doc: 'output width; 0 means size' },
  height: { kind: 'integer', min: 0, max: 16384, default: 0, doc: 'output height; 0 means size' },
};

/**
 * Crops the centre box of the output size (torchvision's `CenterCrop`: the corner is
 * `round((W - w) / 2)`; an image smaller than the box is padded with 0 around it first).
 * Deterministic: records `null`.
 *
 * @param options see {@link CenterCropOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` naming the field
 */
export function centerCrop(options?: CenterCropOptions): Transform<RawImage, null> {
  const o = resolveOptions('centerCrop', centerCropSpecs, options);
  const outW = (o.width as number) || (o.size as number);
  const outH = (o.height as number) || (o.size as number);
  return defineImageTransform<null>({
    name: 'centerCrop',
    options: o,
    sample: () => null,
    apply(img) {
      const padX = Math.max(0, outW - img.width);
      const padY = Math.max(0, outH - img.height);
      const grown =
        padX || padY
          ? padImage(img, padX >> 1, padY >> 1, padX - (padX >> 1), padY - (padY >> 1), {
              mode: 'constant',
              fill: 0,
            })
          : img;
      const x = Math.round((grown.width - outW) / 2);
      const y = Math.round((grown.height - outH) / 2);
      return cropImage(grown, x, y, outW, outH);
    },
  });
}

/**
 * Copies the `w` x `h` box at `(x, y)`, which must lie inside `img`, a row at a time.
 *
 * @returns a new image
 */
export function cropImage(img: RawImage, x: number, y: number, w: number, h: number): RawImage {
  const c = img.channels;
  const out = new Float32Array(w * h * c);
  const stride = img.width * c;
  for (let r = 0; r < h; r++) {
    const from = (y + r) * stride + x * c;
    out.set(img.data.subarray(from, from + w * c), r * w * c);
  }
  return { width: w, height: h, channels: c, data: out };
}
