import type { Recipe } from '@manyviews/augment-core';

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

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
