import type { RouteDef } from '../route-def.js';
import { type CollectionDeps, CollectionParam, CollectionSchema } from './collection-common.js';

/** `GET /v1/collections/{name}`: one collection, with its item count. */
export function getCollectionRoute({ store }: CollectionDeps): RouteDef {
  return {
    method: 'GET',
    path: '/v1/collections/:name',
    operationId: 'getCollection',
    summary: 'Describe a collection',
    tag: 'collections',
    access: 'read',
    params: CollectionParam,
    uses: ['store'],
    responses: {
      200: { description: 'The collection', schema: CollectionSchema },
      404: { description: 'COLLECTION_NOT_FOUND' },
    },
    handler: async function getCollection(c) {
      return c.json(await store.info(c.req.param('name')!));
    },
  };
}
