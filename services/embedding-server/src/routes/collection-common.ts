import { ManyViewsError } from '@manyviews/augment-core';
import { z } from 'zod';
import { decodeInputs, inputKindOf, rawFromStrings } from '../model-inputs.js';
import { modelVersionOf } from '../model-version.js';
import { MetadataSchema } from '../openapi/common-schemas.js';
import type { CollectionInfo, CollectionStore } from '../store/collection-store.js';
import type { RouteDeps } from './route-deps.js';

/** What the collection routes are built from. */
export interface CollectionDeps extends RouteDeps {
  store: CollectionStore;
}

/** The `{name}` path parameter. */
export const CollectionParam = {
  name: z.string().meta({ description: 'The collection' }),
};

/** A collection as the routes describe it. */
export const CollectionSchema = z.object({
  name: z.string(),
  model: z.string(),
  modelVersion: z.string(),
  dim: z.number().int(),
  count: z.number().int(),
  createdAt: z.string(),
});

/** One search hit or stored item's public fields. */
export const HitSchema = z.object({ id: z.string(), score: z.number(), metadata: MetadataSchema });

/**
 * Embeds raw inputs for a collection with its model, refusing when the loaded model is not the
 * version the collection's vectors came from: cosines across two versions of a model compare
 * unrelated spaces, and would look like plausible, wrong results.
 *
 * @param labels field names of the inputs, for messages
 * @throws {ManyViewsError} `MODEL_NOT_FOUND` when the collection's model is not loaded,
 *   `MODEL_VERSION_MISMATCH` (409) when it was replaced, and whatever decoding and the model throw
 */
export async function embedForCollection(
  { registry, limits, embed }: RouteDeps,
  collection: CollectionInfo,
  inputs: string[],
  labels: string[],
  signal?: AbortSignal,
): Promise<Float32Array[]> {
  const model = registry.get(collection.model);
  checkModelVersion(collection, modelVersionOf(model));
  const decoded = await decodeInputs(
    rawFromStrings(inputs, labels),
    inputKindOf(model),
    limits.maxTextLength,
  );
  return embed(model, decoded, signal);
}

/**
 * @throws {ManyViewsError} `MODEL_VERSION_MISMATCH` (409) when `version` is not the collection's
 */
export function checkModelVersion(collection: CollectionInfo, version: string): void {
  if (version === collection.modelVersion) return;
  throw new ManyViewsError(
    'MODEL_VERSION_MISMATCH',
    `collection ${collection.name} holds vectors of ${collection.model} version ` +
      `${collection.modelVersion}, not version ${version}; re-create the collection and add ` +
      'its items again to use the new model',
    { expected: collection.modelVersion, received: version },
  );
}
