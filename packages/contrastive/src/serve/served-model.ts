import { ManyViewsError } from '@manyviews/augment-core';
import { readManifest } from '../model-dir.js';
import type { ServedImageModel, ServedInput } from './served-image-model.js';

/** A loaded model ready to embed requests' inputs; the shape the embedding server expects. */
export type ServedModel = Omit<ServedImageModel, 'embed'> & {
  embed(inputs: ServedInput[]): Promise<Float32Array[]>;
};

/** Loads one model directory of a domain for serving. */
export type ServedModelLoader = (dir: string) => Promise<ServedModel>;

const loaders = new Map<string, ServedModelLoader>();

/**
 * Registers how models of a domain are served (how their inputs are decoded and prepared).
 *
 * @throws {ManyViewsError} `REGISTRY_DUPLICATE` when the domain is taken
 */
export function registerServedDomain(domain: string, loader: ServedModelLoader): void {
  if (loaders.has(domain)) {
    throw new ManyViewsError(
      'REGISTRY_DUPLICATE',
      `domain "${domain}" already has a served-model loader`,
    );
  }
  loaders.set(domain, loader);
}

/**
 * Loads any model directory for serving, by the domain its manifest states.
 *
 * @throws {ManyViewsError} `MODEL_INVALID` for a domain nothing serves; the loader's own errors
 */
export async function loadServedModel(dir: string): Promise<ServedModel> {
  const manifest = await readManifest(dir);
  const loader = loaders.get(manifest.domain);
  if (!loader) {
    throw new ManyViewsError(
      'MODEL_INVALID',
      `no loader serves ${manifest.domain} models (${dir})`,
      {
        expected: `one of ${[...loaders.keys()].join(', ')}`,
        received: manifest.domain,
      },
    );
  }
  return loader(dir);
}
