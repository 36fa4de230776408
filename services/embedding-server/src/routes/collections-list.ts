import { z } from 'zod';
import type { RouteDef } from '../route-def.js';
import { type CollectionDeps, CollectionSchema } from './collection-common.js';

/** `GET /v1/collections`: every collection, sorted by name. */
export function listCollectionsRoute({ store }: CollectionDeps): RouteDef {
  return {
    method: 'GET',
    path: '/v1/collections',
    operationId: 'listCollections',
    summary: 'List collections',
    tag: 'collections',
    access: 'read',
    uses: ['store'],
    responses: {
      200: { description: 'Sorted by name', schema: z.object({ data: z.array(CollectionSchema) }) },
    },
    handler: async function listCollections(c) {
      return c.json({ data: await store.list() });
    },
  };
}
