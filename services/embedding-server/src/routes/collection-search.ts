import { ManyViewsError } from '@manyviews/augment-core';
import { z } from 'zod';
import { InputSchema, kSchema, VectorSchema } from '../openapi/common-schemas.js';
import { readBody } from '../request-body.js';
import type { RouteDef } from '../route-def.js';
import { compileFilter } from '../store/metadata-filter.js';
import { invalidField } from '../validate.js';
import { parseWith } from '../zod-parse.js';
import {
  type CollectionDeps,
  CollectionParam,
  checkModelVersion,
  embedForCollection,
  HitSchema,
} from './collection-common.js';
import { DEFAULT_K } from './search.js';

/** The JSON request: exactly one of `input`, `vector`, `id`. */
export const CollectionSearchSchema = z.strictObject({
  input: InputSchema.optional().meta({ description: 'Embedded by the collection’s model' }),
  vector: VectorSchema.optional(),
  id: z.string().min(1).optional().meta({ description: 'Search by a stored item’s vector' }),
  k: z.number().int().min(1).optional().meta({ description: 'At most limits.maxK; default 10' }),
  filter: z
    .record(z.string(), z.unknown())
    .optional()
    .meta({ description: 'Equality on fields, or { $eq, $ne, $in, $gt, $gte, $lt, $lte }' }),
  minScore: z
    .number()
    .min(-1)
    .max(1)
    .optional()
    .meta({ description: 'Drop hits scoring below it' }),
  modelVersion: z.string().optional().meta({ description: 'For vector: must be the collection’s' }),
});

/**
 * `POST /v1/collections/{name}/search`: the `k` nearest items by exact cosine, best first. The
 * filter is applied before the top-k, so `k` results come back whenever `k` items match it. A
 * search by `id` excludes that item from its own results.
 */
export function collectionSearchRoute(deps: CollectionDeps): RouteDef {
  const { store, limits } = deps;
  const defaultK = Math.min(DEFAULT_K, limits.maxK);
  return {
    method: 'POST',
    path: '/v1/collections/:name/search',
    operationId: 'searchCollection',
    summary: 'Nearest items, by input, vector or item id, with a metadata filter',
    tag: 'collections',
    access: 'read',
    bodyLimit: limits.maxBodyBytes,
    params: CollectionParam,
    json: CollectionSearchSchema.extend({ k: kSchema(limits.maxK, defaultK) }),
    uses: ['model', 'store'],
    responses: {
      200: {
        description: 'Up to k hits, best first',
        schema: z.object({ collection: z.string(), results: z.array(HitSchema) }),
      },
      400: { description: 'INVALID_FILTER, INVALID_VECTOR, a bad field' },
      404: { description: 'COLLECTION_NOT_FOUND, ITEM_NOT_FOUND' },
      409: { description: 'MODEL_VERSION_MISMATCH' },
    },
    async handler(c) {
      const body = await readBody(c.req.raw);
      if (body.type !== 'json') throw invalidField('body', 'JSON', 'multipart');
      const request = parseWith(CollectionSearchSchema, body.value);
      const given = [request.input, request.vector, request.id].filter((x) => x !== undefined);
      if (given.length !== 1) {
        throw invalidField(
          'input',
          'exactly one of input, vector and id',
          `${given.length} of them`,
        );
      }
      const k = request.k ?? defaultK;
      if (k > limits.maxK) throw invalidField('k', `an integer in [1, ${limits.maxK}]`, k);
      const filter = request.filter && compileFilter(request.filter);

      const collection = await store.info(c.req.param('name')!);
      let query: Float32Array;
      if (request.input !== undefined) {
        [query] = await embedForCollection(
          deps,
          collection,
          [request.input],
          ['input'],
          c.req.raw.signal,
        );
      } else if (request.vector !== undefined) {
        if (request.modelVersion !== undefined) checkModelVersion(collection, request.modelVersion);
        query = Float32Array.from(request.vector);
      } else {
        const item = await store.get(collection.name, request.id!);
        if (item === undefined) {
          throw new ManyViewsError(
            'ITEM_NOT_FOUND',
            `item ${request.id} is not in ${collection.name}`,
          );
        }
        query = item.vector;
      }

      // By id: one more is asked for, since the item itself is the best match and is dropped.
      const self = request.id;
      const asked = self === undefined ? k : k + 1;
      const hits = await store.search(collection.name, query, {
        k: asked,
        filter,
        minScore: request.minScore,
      });
      const results = self === undefined ? hits : hits.filter((h) => h.id !== self).slice(0, k);
      return c.json({ collection: collection.name, results });
    },
  };
}
