import {
  type BuiltRecipe,
  buildRecipe,
  createRegistry,
  type Registry,
  type Transform,
} from '@manyviews/augment-core';
import { colorJitter, colorJitterSpecs } from './color-jitter.js';
import { gaussianBlur, gaussianBlurSpecs } from './gaussian-blur.js';
import { horizontalFlip, horizontalFlipSpecs } from './horizontal-flip.js';
import { normalize, normalizeSpecs } from './normalize.js';
import { randomGrayscale, randomGrayscaleSpecs } from './random-grayscale.js';
import { randomResizedCrop, randomResizedCropSpecs } from './random-resized-crop.js';
import type { RawImage } from './raw-image.js';
import { rotation, rotationSpecs } from './rotation.js';

/**
 * The image transforms by recipe name: `randomResizedCrop`, `horizontalFlip`, `rotation`,
 * `colorJitter`, `randomGrayscale`, `gaussianBlur`, `normalize` (plus the core combinators
 * `compose`, `randomApply`, `oneOf`, `someOf`, which every recipe may use).
 */
export const imageRegistry: Registry<RawImage> = createRegistry<RawImage>('image')
  .register('randomResizedCrop', {
    description: 'crop a random box (area fraction, aspect ratio) and resize it, bilinear',
    params: randomResizedCropSpecs,
    create: (o) => randomResizedCrop(o) as Transform<RawImage>,
  })
  .register('horizontalFlip', {
    description: 'mirror left to right with probability p',
    params: horizontalFlipSpecs,
    create: (o) => horizontalFlip(o) as Transform<RawImage>,
  })
  .register('rotation', {
    description: 'rotate by an angle uniform in [-degrees, degrees], bilinear, same size',
    params: rotationSpecs,
    create: (o) => rotation(o) as Transform<RawImage>,
  })
  .register('colorJitter', {
    description: 'random brightness, contrast, saturation and hue, in random order',
    params: colorJitterSpecs,
    create: (o) => colorJitter(o) as Transform<RawImage>,
  })
  .register('randomGrayscale', {
    description: 'replace colour by luma with probability p, keeping the channels',
    params: randomGrayscaleSpecs,
    create: (o) => randomGrayscale(o) as Transform<RawImage>,
  })
  .register('gaussianBlur', {
    description: 'separable Gaussian blur with sigma uniform in a range',
    params: gaussianBlurSpecs,
    create: (o) => gaussianBlur(o) as Transform<RawImage>,
  })
  .register('normalize', {
    description: '(x - mean) / std per channel; deterministic',
    params: normalizeSpecs,
    create: (o) => normalize(o) as Transform<RawImage>,
  });

/**
 * Builds an image pipeline from a recipe: `buildRecipe(recipe, imageRegistry)`.
 *
 * @param recipe a recipe object or its JSON text, `domain: 'image'`
 * @returns the pipeline (a `compose` of the steps) and the recipe with defaults filled in
 * @throws {ManyViewsError} the recipe errors of augment-core, each naming the field
 *   (`pipeline[0].scale`)
 * @example
 * const { transform } = buildImagePipeline(defaultFashionMnistRecipe);
 * const view = transform.run(img, new Rng(7).fork(epoch, index, 0)).output;
 */
export function buildImagePipeline(recipe: unknown): BuiltRecipe<RawImage> {
  return buildRecipe(recipe, imageRegistry);
}
