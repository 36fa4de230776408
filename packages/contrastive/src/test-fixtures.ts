import type { Recipe } from '@manyviews/augment-core';
import type { ModelManifest } from './model-dir.js';

/**
 * Small synthetic grayscale images for tests: `count` images of `size x size`, each a bright
 * square whose position depends on its class (`index % 4`), so nearby views share a class.
 */
export function syntheticImages(
  count: number,
  size = 12,
): { images: Uint8Array; labels: Uint8Array } {
  const images = new Uint8Array(count * size * size);
  const labels = new Uint8Array(count);
  const half = size / 2;
  for (let n = 0; n < count; n++) {
    const label = n % 4;
    labels[n] = label;
    const ox = (label % 2) * half;
    const oy = Math.floor(label / 2) * half;
    for (let y = 1; y < half - 1; y++) {
      for (let x = 1; x < half - 1; x++)
        images[n * size * size + (oy + y) * size + ox + x] = 200 + (n % 50);
    }
  }
  return { images, labels };
}

/** A light image recipe for `size x size` tests. */
export function testRecipe(size = 12): Recipe {
  return {
    version: 1,
    domain: 'image',
    views: 2,
    pipeline: [
      { type: 'randomResizedCrop', size, scale: [0.6, 1] },
      { type: 'horizontalFlip' },
      { type: 'normalize', mean: [0.5], std: [0.5] },
    ],
  };
}

/** What {@link testManifest} needs: the fields that describe a model; the rest defaults. */
type ManifestFields = Omit<ModelManifest, 'format' | 'formatVersion' | 'weights'>;

/**
 * A manifest for `saveModelDir` in tests: the given fields, with an empty recipe of the model's
 * domain, seed 1, the cpu backend, NT-Xent, no training or evaluation figures, and the epoch as
 * its creation time unless `fields` says otherwise.
 */
export function testManifest(
  fields: Pick<
    ManifestFields,
    'name' | 'domain' | 'inputShape' | 'preprocess' | 'embeddingDim' | 'encoder'
  > &
    Partial<ManifestFields>,
): ManifestFields {
  return {
    recipe: { version: 1, domain: fields.domain, pipeline: [] },
    seed: 1,
    backend: 'cpu',
    objective: { name: 'nt-xent' },
    training: {},
    evaluation: {},
    createdAt: new Date(0).toISOString(),
    ...fields,
  };
}
