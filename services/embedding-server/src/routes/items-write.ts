import { ManyViewsError } from '@manyviews/augment-core';
import { z } from 'zod';
import { InputSchema, MetadataSchema, VectorSchema } from '../openapi/common-schemas.js';
import { readBody } from '../request-body.js';
import type { RouteDef } from '../route-def.js';
import type { NewItem } from '../store/collection-store.js';
import { invalidField } from '../validate.js';
import { parseWith } from '../zod-parse.js';
import {
  type CollectionDeps,
  CollectionParam,
  checkModelVersion,
  embedForCollection,
} from './collection-common.js';

/** One item of a write: an id, and a raw input for the model or a vector already computed. */
const ItemSchema = z.strictObject({
  id: z.string().min(1).max(256),
  input: InputSchema.optional().meta({ description: 'Embedded by the collection’s model' }),
  vector: VectorSchema.optional().meta({ description: 'Used as given (normalised)' }),
  metadata: MetadataSchema.optional(),
});

/** The JSON request of both writes. */
export const WriteItemsSchema = z.strictObject({
  items: z.array(ItemSchema).min(1),
  modelVersion: z.string().optional().meta({
    description: 'For vectors: the model version that made them; must be the collection’s',
  }),
});

const WriteResultSchema = z.object({ added: z.number().int(), updated: z.number().int() });

/**
 * `POST /v1/collections/{name}/items` (mode `add`: 409 `ITEM_EXISTS` for an id already stored)
 * and `PUT /v1/collections/{name}/items` (mode `upsert`: replaces). Each item gives either
 * `input` (embedded by the collection's model, in one batch) or `vector`. The write is all or
 * nothing and is on disk before the answer.
 */
export function writeItemsRoute(deps: CollectionDeps, mode: 'add' | 'upsert'): RouteDef {
  const { store, limits } = deps;
  return {
    method: mode === 'add' ? 'POST' : 'PUT',
    path: '/v1/collections/:name/items',
    operationId: mode === 'add' ? 'addItems' : 'upsertItems',
    summary: mode === 'add' ? 'Add new items' : 'Add or replace items',
    tag: 'collections',
    access: 'write',
    bodyLimit: limits.maxCollectionBodyBytes,
    params: CollectionParam,
    // The document states limits.maxItems; the handler answers 413 TOO_MANY_ITEMS past it.
    json: WriteItemsSchema.extend({ items: z.array(ItemSchema).min(1).max(limits.maxItems) }),
    uses: ['model', 'store'],
    responses: {
      200: { description: 'Written and durable', schema: WriteResultSchema },
      400: { description: 'A bad item, vector or input' },
      404: { description: 'COLLECTION_NOT_FOUND, or its model is not loaded' },
      409: { description: 'ITEM_EXISTS (add), MODEL_VERSION_MISMATCH' },
      413: { description: 'TOO_MANY_ITEMS, BODY_TOO_LARGE' },
    },
    async handler(c) {
      const body = await readBody(c.req.raw);
      if (body.type !== 'json') throw invalidField('body', 'JSON', 'multipart');
      const request = parseWith(WriteItemsSchema, body.value);
      if (request.items.length > limits.maxItems) {
        throw new ManyViewsError('TOO_MANY_ITEMS', 'items: too many in one request', {
          expected: `at most ${limits.maxItems}`,
          received: request.items.length,
        });
      }

      const collection = await store.info(c.req.param('name')!);
      const toEmbed: number[] = [];
      request.items.forEach((item, i) => {
        if ((item.input === undefined) === (item.vector === undefined)) {
          throw invalidField(`items[${i}]`, 'exactly one of input and vector', item);
        }
        if (item.input !== undefined) toEmbed.push(i);
      });
      const hasVectors = toEmbed.length < request.items.length;
      if (hasVectors && request.modelVersion !== undefined) {
        checkModelVersion(collection, request.modelVersion);
      }

      const embedded =
        toEmbed.length === 0
          ? []
          : await embedForCollection(
              deps,
              collection,
              toEmbed.map((i) => request.items[i].input!),
              toEmbed.map((i) => `items[${i}].input`),
              c.req.raw.signal,
            );
      const vectors = new Map(toEmbed.map((i, j) => [i, embedded[j]]));
      const items: NewItem[] = request.items.map((item, i) => ({
        id: item.id,
        vector: vectors.get(i) ?? Float32Array.from(item.vector!),
        metadata: item.metadata ?? {},
      }));
      return c.json(await store.write(collection.name, items, mode));
    },
  };
}
