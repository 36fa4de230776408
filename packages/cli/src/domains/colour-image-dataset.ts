import { ManyViewsError, type Recipe } from '@manyviews/augment-core';
import { buildImagePipeline, type RawImage } from '@manyviews/augment-image';
import {
  createImageViewMaker,
  embedPixels,
  type ImagePreprocess,
  ImageViewPool,
  pixelFeatures,
} from '@manyviews/contrastive';
import type { LabelledSplit, TrainingDataset, TrainingDefaults } from './domain.js';
import { normalizationOf } from './fashion-mnist.js';

/** One split of a colour image dataset: RGB images of one size, stored as bytes. */
export interface ColourImageSplit extends LabelledSplit {
  width: number;
  height: number;
  channels: 3;
  /** `count * height * width * 3` bytes, HWC, row-major. */
  images: Uint8Array;
  labels: Int32Array;
  /** A stable name per image (the emoji's name, the file's path), for search ids. */
  names: string[];
  /** Gray level in [0, 1] transparency was flattened onto, when it was; for serving. */
  background?: number;
}

/**
 * SimCLR's colour views scaled down to small RGB images (Chen et al. 2020, appendix A, with the
 * CIFAR-10 changes: no blur there, a light one here): random resized crop keeping 25% to 100% of
 * the area (an emoji's face or a fruit's top half is still the thing), flip, colour jitter 0.4 /
 * 0.4 / 0.4 / 0.1 with p 0.8, grayscale with p 0.2, blur with sigma 0.1 to 1 pixel (p 0.3; at
 * 32 px a sigma of 2 leaves a blob), normalised with mean 0.5 and std 0.5 to [-1, 1].
 *
 * @param size side of the square views, the stored size
 */
export function colourImageRecipe(size: number): Recipe {
  return {
    version: 1,
    domain: 'image',
    name: `colour-simclr-${size}`,
    description: `SimCLR-style colour views at ${size}x${size}: crop >= 25%, flip, jitter 0.4 (p 0.8), gray 0.2, light blur 0.3, normalise to [-1, 1]`,
    views: 2,
    pipeline: [
      { type: 'randomResizedCrop', size, scale: [0.25, 1], ratio: [3 / 4, 4 / 3] },
      { type: 'horizontalFlip', p: 0.5 },
      {
        type: 'randomApply',
        p: 0.8,
        transform: {
          type: 'colorJitter',
          brightness: 0.4,
          contrast: 0.4,
          saturation: 0.4,
          hue: 0.1,
        },
      },
      { type: 'randomGrayscale', p: 0.2 },
      { type: 'randomApply', p: 0.3, transform: { type: 'gaussianBlur', sigma: [0.1, 1] } },
      { type: 'normalize', mean: [0.5], std: [0.5] },
    ],
  };
}

/** Side of a colour dataset's images from its options (`size`), checked. */
export function sizeOption(dataset: string, options: Record<string, unknown>, fallback: number) {
  const size = options.size ?? fallback;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 8 || size > 256) {
    throw new ManyViewsError('DATASET_INVALID_OPTION', `${dataset}: size is invalid`, {
      expected: 'an integer number of pixels in [8, 256]',
      received: size,
    });
  }
  return size;
}

/**
 * Refuses dataset options other than `known`, naming the first.
 *
 * @throws {ManyViewsError} `DATASET_INVALID_OPTION`
 */
export function checkKnownOptions(
  dataset: string,
  options: Record<string, unknown>,
  known: readonly string[],
): void {
  const unknown = Object.keys(options).find((key) => !known.includes(key));
  if (unknown === undefined) return;
  throw new ManyViewsError('DATASET_INVALID_OPTION', `${dataset} has no option ${unknown}`, {
    expected: `options among ${known.join(', ')}`,
    received: unknown,
  });
}

/** RGB float images of one size packed as bytes, HWC, `round(v * 255)`. */
export function packImages(images: readonly RawImage[], width: number, height: number) {
  const size = width * height * 3;
  const out = new Uint8Array(images.length * size);
  for (const [i, image] of images.entries()) {
    if (image.width !== width || image.height !== height || image.channels !== 3) {
      throw new ManyViewsError('VIEW_SHAPE_MISMATCH', `image ${i} is not ${width}x${height}x3`, {
        expected: `${width}x${height}x3`,
        received: `${image.width}x${image.height}x${image.channels}`,
      });
    }
    const o = i * size;
    for (let p = 0; p < size; p++) out[o + p] = Math.round(image.data[p] * 255);
  }
  return out;
}

/** The encoders a colour dataset offers: a small CNN and an MLP on the pixels. */
export type ColourEncoder = 'cnn' | 'mlp';

/** What differs between colour image datasets: name, data, defaults and evaluation. */
export interface ColourImageDatasetSpec {
  name: string;
  description: string;
  defaults: TrainingDefaults;
  encoderDefaults?: Record<string, Partial<TrainingDefaults>>;
  /** The recipe at the default size; a recipe's crop size must match the stored size. */
  defaultRecipe: Recipe;
  /** The recipe for the size the dataset options choose. */
  recipeFor: (options: Record<string, unknown>) => Recipe;
  load: TrainingDataset<ColourImageSplit>['load'];
  checkOptions: (options: Record<string, unknown>) => void;
  labels?: 'classes' | 'names';
  /** The encoder without `--encoder`; default `'cnn'`. */
  defaultEncoder?: ColourEncoder;
}

/**
 * A colour image dataset for the CLI: RGB views from `ImageViewPool`, a small CNN (3x3 convs
 * 32-64-128 with stride-2 downsampling, global average pooling, a 256-wide representation) or
 * an MLP, raw pixels as the baseline, and a preprocess that tells the server the size, the
 * three channels and the background transparency is flattened onto.
 */
export function colourImageDataset(
  spec: ColourImageDatasetSpec,
): TrainingDataset<ColourImageSplit> {
  return {
    name: spec.name,
    domain: 'image',
    description: spec.description,
    defaultRecipe: spec.defaultRecipe,
    recipeFor: spec.recipeFor,
    defaults: spec.defaults,
    encoderDefaults: spec.encoderDefaults,
    labels: spec.labels,
    checkOptions: spec.checkOptions,
    checkRecipe: (recipe) => void buildImagePipeline(recipe),
    load: spec.load,
    encoders: spec.defaultEncoder === 'mlp' ? ['mlp', 'cnn'] : ['cnn', 'mlp'],
    encoderConfig: (train, choice = spec.defaultEncoder ?? 'cnn') =>
      choice === 'mlp'
        ? {
            type: 'mlp',
            inputSize: train.width * train.height * 3,
            hidden: [1024],
            embeddingDim: 512,
            projection: [512, 128],
          }
        : {
            type: 'cnn',
            inputShape: [train.height, train.width, 3],
            channels: [32, 64, 128],
            embeddingDim: 256,
            projection: [256, 128],
            downsample: 'stride',
            pooling: 'average',
          },
    inputShape: (train) => [train.height, train.width, 3],
    preprocess: (train, recipe): ImagePreprocess & Record<string, unknown> => ({
      ...normalizationOf(recipe),
      channels: 3,
      width: train.width,
      height: train.height,
      ...(train.background === undefined ? {} : { background: train.background }),
    }),
    viewSource: (train, o) =>
      new ImageViewPool({
        images: train.images,
        count: train.count,
        width: train.width,
        height: train.height,
        channels: 3,
        recipe: o.recipe,
        seed: o.seed,
        batchSize: o.batchSize,
        views: o.recipe.views ?? 2,
        workers: o.workers,
        logger: o.logger,
      }),
    features: (encoder, split, preprocess) => ({
      dim: encoder.config.embeddingDim,
      data: embedPixels(
        encoder,
        split.images,
        split.count,
        preprocess as unknown as ImagePreprocess,
        256,
      ),
    }),
    rawFeatures: (split) => ({
      dim: split.width * split.height * 3,
      data: pixelFeatures(split.images, split.count, split.width * split.height * 3),
    }),
    positivePairs(split, recipe, seed, count) {
      const rows = Math.min(count, split.count);
      const make = createImageViewMaker({
        width: split.width,
        height: split.height,
        channels: 3,
        recipe,
        seed,
      });
      const views = make(
        split.images,
        0,
        Array.from({ length: rows }, (_, i) => i),
        2,
      );
      const size = rows * split.width * split.height * 3;
      return { a: views.subarray(0, size), b: views.subarray(size), rows };
    },
    ids: (split, name) => split.names.map((n) => `${name}/${n}`),
  };
}
