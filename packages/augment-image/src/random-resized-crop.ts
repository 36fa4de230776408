import {
  badRecord,
  type ParamSpecs,
  type Rng,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { defineImageTransform } from './image-transform.js';
import type { RawImage } from './raw-image.js';
import { type Box, resampleBox } from './resample.js';

/** Options of {@link randomResizedCrop}. */
export interface RandomResizedCropOptions {
  /** Output side in pixels (square output); default 224. */
  size?: number;
  /** Output width; 0 (default) means `size`. */
  width?: number;
  /** Output height; 0 (default) means `size`. */
  height?: number;
  /** Area of the box as a fraction of the image's, `[lo, hi]` in [0, 1]; default [0.08, 1]. */
  scale?: readonly [number, number];
  /** Aspect ratio `w / h` of the box, drawn log-uniformly; default [3/4, 4/3]. */
  ratio?: readonly [number, number];
}

/** What {@link randomResizedCrop} records: the source box, in pixels. */
export type RandomResizedCropParams = Box;

/** Option specs of {@link randomResizedCrop}, as a recipe step takes them. */
export const randomResizedCropSpecs: ParamSpecs = {
  size: { kind: 'integer', min: 1, max: 16384, default: 224, doc: 'output side in pixels' },
  width: { kind: 'integer', min: 0, max: 16384, default: 0, doc: 'output width; 0 means size' },
  height: { kind: 'integer', min: 0, max: 16384, default: 0, doc: 'output height; 0 means size' },
  scale: { kind: 'range', min: 0, max: 1, default: [0.08, 1], doc: 'area fraction of the box' },
  ratio: {
    kind: 'range',
    min: 0.01,
    max: 100,
    default: [3 / 4, 4 / 3],
    doc: 'aspect ratio w/h of the box, log-uniform',
  },
};

/**
 * Crops a random box and resizes it to the output size, with torchvision's `RandomResizedCrop`
 * semantics: up to 10 tries for a box whose area fraction is uniform in `scale` and whose aspect
 * ratio is log-uniform in `ratio`, else a centre crop at the nearest allowed ratio. The box is
 * resampled straight from the source with bilinear interpolation (one pass, no antialiasing).
 *
 * @param options see {@link RandomResizedCropOptions}
 * @returns a transform whose output is `width x height x C` and whose record is the box
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` (e.g. `scale: [2, 1]`) naming the field
 * @example
 * const crop = randomResizedCrop({ size: 28, scale: [0.3, 1] });
 * const { output, record } = crop.run(img, new Rng(1)); // record.params = { x, y, w, h }
 */
export function randomResizedCrop(
  options?: RandomResizedCropOptions,
): Transform<RawImage, RandomResizedCropParams> {
  const o = resolveOptions('randomResizedCrop', randomResizedCropSpecs, options);
  const size = o.size as number;
  const outW = (o.width as number) || size;
  const outH = (o.height as number) || size;
  const [sLo, sHi] = o.scale as [number, number];
  const [rLo, rHi] = o.ratio as [number, number];
  const logLo = Math.log(rLo);
  const logHi = Math.log(rHi);

  return defineImageTransform<RandomResizedCropParams>({
    name: 'randomResizedCrop',
    options: o,
    sample(img, rng) {
      return sampleBox(img.width, img.height, sLo, sHi, rLo, rHi, logLo, logHi, rng);
    },
    apply(img, box) {
      if (typeof box !== 'object' || box === null) {
        throw badRecord('randomResizedCrop', 'a box {x, y, w, h}', box);
      }
      return resampleBox(img, box, outW, outH);
    },
  });
}

// torchvision.transforms.RandomResizedCrop.get_params, with Math.round for Python's round.
function sampleBox(
  width: number,
  height: number,
  sLo: number,
  sHi: number,
  rLo: number,
  rHi: number,
  logLo: number,
  logHi: number,
  rng: Rng,
): Box {
  const area = width * height;
  for (let attempt = 0; attempt < 10; attempt++) {
    const target = area * rng.uniform(sLo, sHi);
    const aspect = Math.exp(rng.uniform(logLo, logHi));
    const w = Math.round(Math.sqrt(target * aspect));
    const h = Math.round(Math.sqrt(target / aspect));
    if (w > 0 && w <= width && h > 0 && h <= height) {
      return { x: rng.int(0, width - w), y: rng.int(0, height - h), w, h };
    }
  }

  let w = width;
  let h = height;
  const inRatio = width / height;
  if (inRatio < rLo) h = Math.max(1, Math.min(height, Math.round(w / rLo)));
  else if (inRatio > rHi) w = Math.max(1, Math.min(width, Math.round(h * rHi)));
  return { x: Math.floor((width - w) / 2), y: Math.floor((height - h) / 2), w, h };
}
