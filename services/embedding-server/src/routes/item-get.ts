import { ManyViewsError } from '@manyviews/augment-core';
import { z } from 'zod';
import { MetadataSchema } from '../openapi/common-schemas.js';
import type { RouteDef } from '../route-def.js';
import { type CollectionDeps, CollectionParam } from './collection-common.js';

/** `GET /v1/collections/{name}/items/{id}`: one item, its unit vector and model version. */
export function getItemRoute({ store }: CollectionDeps): RouteDef {
  return {
    method: 'GET',
    path: '/v1/collections/:name/items/:id',
    operationId: 'getItem',
    summary: 'Get an item',
    tag: 'collections',
    access: 'read',
    params: {
      ...CollectionParam,
      id: z.string().meta({ description: 'The item id, URL-encoded' }),
    },
    uses: ['store'],
    responses: {
      200: {
        description: 'The item',
        schema: z.object({
          id: z.string(),
          metadata: MetadataSchema,
          modelVersion: z.string(),
          vector: z.array(z.number()).meta({ description: 'Stored normalised to unit length' }),
        }),
      },
      404: { description: 'COLLECTION_NOT_FOUND, ITEM_NOT_FOUND' },
    },
    handler: async function getItem(c) {
      const name = c.req.param('name')!;
      const id = c.req.param('id')!;
      const item = await store.get(name, id);
      if (item === undefined) {
        throw new ManyViewsError('ITEM_NOT_FOUND', `item ${id} is not in ${name}`);
      }
      return c.json({
        id: item.id,
        metadata: item.metadata,
        modelVersion: item.modelVersion,
        vector: Array.from(item.vector),
      });
    },
  };
}
