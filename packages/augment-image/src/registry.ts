import {
  type BuiltRecipe,
  buildRecipe,
  createRegistry,
  type ParamSpecs,
  type Registry,
  type Transform,
} from '@manyviews/augment-core';
import { randomAffine, randomAffineSpecs } from './affine.js';
import { autoContrast, autoContrastSpecs } from './auto-contrast.js';
import { colorJitter, colorJitterSpecs } from './color-jitter.js';
import { compressionSpecs, jpegCompression, webpCompression } from './compression.js';
import { centerCrop, centerCropSpecs, randomCrop, randomCropSpecs } from './crop.js';
import { equalize, equalizeSpecs } from './equalize.js';
import { gaussianBlur, gaussianBlurSpecs } from './gaussian-blur.js';
import { gaussianNoise, gaussianNoiseSpecs } from './gaussian-noise.js';
import { horizontalFlip, horizontalFlipSpecs } from './horizontal-flip.js';
import { invert, invertSpecs } from './invert.js';
import { normalize, normalizeSpecs } from './normalize.js';
import { pad, padSpecs } from './pad.js';
import { randomPerspective, randomPerspectiveSpecs } from './perspective.js';
import { PixelArena, withArena } from './pixel-arena.js';
import { posterize, posterizeSpecs } from './posterize.js';
import { randAugment, randAugmentSpecs } from './rand-augment.js';
import { randomErasing, randomErasingSpecs } from './random-erasing.js';
import { randomGrayscale, randomGrayscaleSpecs } from './random-grayscale.js';
import { randomResizedCrop, randomResizedCropSpecs } from './random-resized-crop.js';
import { assertImage, type RawImage } from './raw-image.js';
import { resize, resizeSpecs } from './resize.js';
import { rotation, rotationSpecs } from './rotation.js';
import { sharpen, sharpenSpecs } from './sharpen.js';
import { solarize, solarizeSpecs } from './solarize.js';
import { trivialAugment, trivialAugmentSpecs } from './trivial-augment.js';
import { verticalFlip, verticalFlipSpecs } from './vertical-flip.js';

// name, one line for --help, specs, factory. The factories validate their options again, which
// keeps a transform built from code and one built from a recipe under the same checks.
const ENTRIES: Array<[string, string, ParamSpecs, (o: Record<string, unknown>) => unknown]> = [
  [
    'randomResizedCrop',
    'crop a random box (area, aspect) and resize it, bilinear',
    randomResizedCropSpecs,
    randomResizedCrop,
  ],
  [
    'randomCrop',
    'crop a fixed-size box at a random place, padding first if asked',
    randomCropSpecs,
    randomCrop,
  ],
  ['centerCrop', 'crop the centre box; deterministic', centerCropSpecs, centerCrop],
  ['pad', 'pad the borders (constant, edge, reflect, symmetric); deterministic', padSpecs, pad],
  ['resize', 'resize, shorter side or exact size, bilinear; deterministic', resizeSpecs, resize],
  [
    'horizontalFlip',
    'mirror left to right with probability p',
    horizontalFlipSpecs,
    horizontalFlip,
  ],
  ['verticalFlip', 'mirror top to bottom with probability p', verticalFlipSpecs, verticalFlip],
  [
    'rotation',
    'rotate by an angle uniform in [-degrees, degrees], bilinear, same size',
    rotationSpecs,
    rotation,
  ],
  [
    'randomAffine',
    'rotate, shift, scale and shear in one bilinear pass',
    randomAffineSpecs,
    randomAffine,
  ],
  [
    'randomPerspective',
    'move the corners and warp, one bilinear pass, with probability p',
    randomPerspectiveSpecs,
    randomPerspective,
  ],
  [
    'colorJitter',
    'random brightness, contrast, saturation and hue, in random order',
    colorJitterSpecs,
    colorJitter,
  ],
  [
    'randomGrayscale',
    'replace colour by luma with probability p, keeping the channels',
    randomGrayscaleSpecs,
    randomGrayscale,
  ],
  ['solarize', 'invert values above a threshold with probability p', solarizeSpecs, solarize],
  ['posterize', 'keep a few bits per channel with probability p', posterizeSpecs, posterize],
  ['equalize', 'equalize each channel histogram with probability p', equalizeSpecs, equalize],
  [
    'autoContrast',
    'stretch each channel to [0, 1] with probability p',
    autoContrastSpecs,
    autoContrast,
  ],
  ['invert', 'invert the colours with probability p', invertSpecs, invert],
  [
    'sharpen',
    'adjust sharpness by a factor (torchvision adjust_sharpness) with probability p',
    sharpenSpecs,
    sharpen,
  ],
  [
    'gaussianBlur',
    'separable Gaussian blur with sigma uniform in a range',
    gaussianBlurSpecs,
    gaussianBlur,
  ],
  [
    'gaussianNoise',
    'add Gaussian noise of a random std, clamped',
    gaussianNoiseSpecs,
    gaussianNoise,
  ],
  [
    'randomErasing',
    'erase a random box (Zhong et al. 2020) with probability p',
    randomErasingSpecs,
    randomErasing,
  ],
  [
    'jpegCompression',
    'round-trip through JPEG at a random quality (sharp)',
    compressionSpecs,
    jpegCompression,
  ],
  [
    'webpCompression',
    'round-trip through lossy WebP at a random quality (sharp)',
    compressionSpecs,
    webpCompression,
  ],
  [
    'randAugment',
    'RandAugment (Cubuk et al. 2020): N ops at a fixed magnitude',
    randAugmentSpecs,
    randAugment,
  ],
  [
    'trivialAugment',
    'TrivialAugment (Muller and Hutter 2021): one op, random magnitude',
    trivialAugmentSpecs,
    trivialAugment,
  ],
  ['normalize', '(x - mean) / std per channel; deterministic', normalizeSpecs, normalize],
];

/**
 * The image transforms by recipe name (see the README's table for each one's options), plus
 * the core combinators `compose`, `randomApply`, `oneOf`, `someOf`, which every recipe may use.
 */
export const imageRegistry: Registry<RawImage> = createRegistry<RawImage>('image');
for (const [name, description, params, create] of ENTRIES) {
  imageRegistry.register(name, {
    description,
    params,
    create: (o) => create(o) as Transform<RawImage>,
  });
}

/** A pipeline whose outputs can be handed back for reuse; see {@link withPixelArena}. */
export interface PooledTransform<P = unknown> extends Transform<RawImage, P> {
  /**
   * Hands back a view this pipeline returned, once the caller is done with it (copied into a
   * batch, say): a later run may overwrite its pixels. Views not from this pipeline, views a run
   * passed through unchanged (the input itself), views already handed back and anything that is
   * not a view (`null`, `undefined`, an object without a Float32Array `data`) are ignored; it
   * never throws.
   */
  recycle(view: RawImage): void;
}

/** {@link buildImagePipeline}'s result: the pooled pipeline and the recipe with defaults. */
export interface BuiltImagePipeline extends BuiltRecipe<RawImage> {
  transform: PooledTransform;
}

/**
 * Builds an image pipeline from a recipe: `buildRecipe(recipe, imageRegistry)`, with the
 * pipeline's intermediate images drawn from a buffer arena of its own (see `pixel-arena.ts`):
 * the same records and outputs, without a fresh allocation per step. The pipeline is for one
 * thread at a time, as every transform here is.
 *
 * Each output belongs to the caller, and no later run touches it, unless the caller hands it back
 * with `transform.recycle(view)`; after that the view must not be read again. A loop that copies
 * each view away and recycles it allocates nothing per view.
 *
 * @param recipe a recipe object or its JSON text, `domain: 'image'`
 * @returns the pipeline (a `compose` of the steps) and the recipe with defaults filled in
 * @throws {ManyViewsError} the recipe errors of augment-core, each naming the field
 *   (`pipeline[0].scale`)
 * @example
 * const { transform } = buildImagePipeline(defaultFashionMnistRecipe);
 * const view = transform.run(img, new Rng(7).fork(epoch, index, 0)).output;
 * batch.set(view.data, row * view.data.length);
 * transform.recycle(view); // its buffer serves a later view
 */
export function buildImagePipeline(recipe: unknown): BuiltImagePipeline {
  const built = buildRecipe(recipe, imageRegistry);
  return { ...built, transform: withPixelArena(built.transform) };
}

/**
 * Wraps a transform so each run draws its intermediate buffers from one arena and hands back
 * only the output's buffer; records and outputs are unchanged. Outputs given to `recycle` go
 * back to the arena (see {@link PooledTransform.recycle}). `run` and `apply` check their input
 * with `assertImage` first, so even a step that passes it through refuses a malformed image.
 *
 * @throws {ManyViewsError} `IMAGE_INVALID` from `run` or `apply` for a malformed input
 */
export function withPixelArena<P>(t: Transform<RawImage, P>): PooledTransform<P> {
  const arena = new PixelArena();
  return {
    name: t.name,
    options: t.options,
    run(input, rng) {
      assertImage(input, 'pipeline.run');
      return withArena(
        arena,
        () => t.run(input, rng),
        (r) => r.output.data,
      );
    },
    apply(input, params) {
      assertImage(input, 'pipeline.apply');
      return withArena(
        arena,
        () => t.apply(input, params),
        (r) => r.data,
      );
    },
    recycle(view) {
      // Anything but a view (null, a number, an object without pixels) is ignored, as views
      // from elsewhere are: recycling is an optimisation and must never fail a loop.
      const data = (view as Partial<RawImage> | null | undefined)?.data;
      if (data instanceof Float32Array) arena.give(data);
    },
  };
}
