import type { Recipe } from '@manyviews/augment-core';
import type { MultiViewRecipe } from './multi-view.js';

/**
 * SimCLR-style views for 28x28 grayscale clothing (Fashion-MNIST), two views per example.
 *
 * Milder than the ImageNet chain, because at 28 pixels a garment has little to spare: crops keep
 * at least 30% of the area (below that a sleeve or a collar is all that is left and classes
 * merge), brightness and contrast jitter by 0.4 with probability 0.8 (saturation and hue mean
 * nothing in gray), a small rotation (10 degrees, p 0.3) for the tilt of photographed garments,
 * a rare light blur (sigma 0.1..0.8, p 0.2; a sigma of 2 would erase the texture that tells a
 * shirt from a T-shirt). Normalised with mean 0.5 and std 0.5, mapping [0, 1] to [-1, 1]: after
 * jitter the views no longer have the dataset's statistics (0.286 / 0.353) anyway, and a fixed,
 * dataset-free map keeps images embedded at serve time (which may not be Fashion-MNIST) in the
 * same range the encoder was trained on.
 *
 * The object is deeply frozen (shared by every importer); spread it to make a variant.
 */
export const defaultFashionMnistRecipe: Recipe = deepFreeze({
  version: 1,
  domain: 'image',
  name: 'fashion-mnist-simclr',
  description:
    'SimCLR-style views for 28x28 grayscale clothing: crop >= 30% area, flip, brightness and contrast jitter, small rotation, rare light blur, normalise to [-1, 1]',
  views: 2,
  pipeline: [
    { type: 'randomResizedCrop', size: 28, scale: [0.3, 1], ratio: [3 / 4, 4 / 3] },
    { type: 'horizontalFlip', p: 0.5 },
    {
      type: 'randomApply',
      p: 0.8,
      transform: { type: 'colorJitter', brightness: 0.4, contrast: 0.4, saturation: 0, hue: 0 },
    },
    { type: 'randomApply', p: 0.3, transform: { type: 'rotation', degrees: 10, fill: 0 } },
    { type: 'randomApply', p: 0.2, transform: { type: 'gaussianBlur', sigma: [0.1, 0.8] } },
    { type: 'normalize', mean: [0.5], std: [0.5] },
  ],
});

/** ImageNet channel statistics, the `Normalize` of the MoCo and BYOL reference code. */
const IMAGENET = { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] };

/**
 * SimCLR's ImageNet views (Chen et al. 2020, appendix A): random resized crop to 224 (area 8% to
 * 100%), horizontal flip, colour jitter of strength 1 (brightness, contrast, saturation 0.8, hue
 * 0.2) with p 0.8, grayscale with p 0.2, Gaussian blur with p 0.5, sigma in [0.1, 2] and a kernel
 * 10% of the side. No normalisation, as in the reference code.
 */
export const simclrRecipe: Recipe = deepFreeze({
  version: 1,
  domain: 'image',
  name: 'simclr',
  description: 'SimCLR ImageNet views (Chen et al. 2020): crop, flip, strong jitter, gray, blur',
  views: 2,
  pipeline: [
    { type: 'randomResizedCrop', size: 224, scale: [0.08, 1] },
    { type: 'horizontalFlip', p: 0.5 },
    {
      type: 'randomApply',
      p: 0.8,
      transform: { type: 'colorJitter', brightness: 0.8, contrast: 0.8, saturation: 0.8, hue: 0.2 },
    },
    { type: 'randomGrayscale', p: 0.2 },
    {
      type: 'randomApply',
      p: 0.5,
      transform: { type: 'gaussianBlur', sigma: [0.1, 2], kernelFraction: 0.1 },
    },
  ],
});

/**
 * MoCo v2's views (Chen et al. 2020, "Improved baselines"; `moco/main_moco.py --aug-plus`): crop
 * keeping 20% to 100% of the area, jitter 0.4 / 0.4 / 0.4 / 0.1 with p 0.8, grayscale p 0.2, blur
 * with sigma in [0.1, 2] and p 0.5 (PIL's radius is sigma; the kernel follows it), flip,
 * ImageNet normalisation.
 */
export const mocoV2Recipe: Recipe = deepFreeze({
  version: 1,
  domain: 'image',
  name: 'mocov2',
  description: 'MoCo v2 views: crop >= 20%, jitter 0.4 (p 0.8), gray 0.2, blur 0.5, flip',
  views: 2,
  pipeline: [
    { type: 'randomResizedCrop', size: 224, scale: [0.2, 1] },
    {
      type: 'randomApply',
      p: 0.8,
      transform: { type: 'colorJitter', brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1 },
    },
    { type: 'randomGrayscale', p: 0.2 },
    { type: 'randomApply', p: 0.5, transform: { type: 'gaussianBlur', sigma: [0.1, 2] } },
    { type: 'horizontalFlip', p: 0.5 },
    { type: 'normalize', ...IMAGENET },
  ],
});

/** The BYOL view shared by both pipelines, with its blur and solarize probabilities. */
function byolView(blurP: number, solarizeP: number) {
  return [
    { type: 'randomResizedCrop', size: 224, scale: [0.08, 1] },
    { type: 'horizontalFlip', p: 0.5 },
    {
      type: 'randomApply',
      p: 0.8,
      transform: { type: 'colorJitter', brightness: 0.4, contrast: 0.4, saturation: 0.2, hue: 0.1 },
    },
    { type: 'randomGrayscale', p: 0.2 },
    {
      type: 'randomApply',
      p: blurP,
      transform: { type: 'gaussianBlur', sigma: [0.1, 2], kernelFraction: 0.1 },
    },
    { type: 'solarize', threshold: 0.5, p: solarizeP },
    { type: 'normalize', ...IMAGENET },
  ];
}

/**
 * BYOL's two asymmetric views (Grill et al. 2020, table 6): the same crop, flip, jitter
 * (0.4 / 0.4 / 0.2 / 0.1, p 0.8) and grayscale (p 0.2), but the first view is always blurred and
 * never solarized, the second blurred with p 0.1 and solarized with p 0.2. A multi-view recipe:
 * build it with `buildMultiView`, which gives view `i` from `pipelines[i]`.
 */
export const byolRecipe: MultiViewRecipe = deepFreeze({
  version: 1,
  domain: 'image',
  name: 'byol',
  description: 'BYOL asymmetric views: view 1 always blurred, view 2 blur 0.1 and solarize 0.2',
  views: 2,
  pipelines: [byolView(1, 0), byolView(0.1, 0.2)],
});

/** The ready recipes by the name the CLI's `--preset` takes. */
export const imagePresets: Readonly<Record<string, Recipe | MultiViewRecipe>> = Object.freeze({
  simclr: simclrRecipe,
  mocov2: mocoV2Recipe,
  byol: byolRecipe,
  'fashion-mnist': defaultFashionMnistRecipe,
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
