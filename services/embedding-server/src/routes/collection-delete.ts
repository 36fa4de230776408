import { z } from 'zod';
import type { RouteDef } from '../route-def.js';
import { type CollectionDeps, CollectionParam } from './collection-common.js';

/** `DELETE /v1/collections/{name}`: deletes a collection and every item in it. */
export function deleteCollectionRoute({ store }: CollectionDeps): RouteDef {
  return {
    method: 'DELETE',
    path: '/v1/collections/:name',
    operationId: 'deleteCollection',
    summary: 'Delete a collection and its items',
    tag: 'collections',
    access: 'write',
    params: CollectionParam,
    uses: ['store'],
    responses: {
      200: {
        description: 'Deleted',
        schema: z.object({ name: z.string(), deleted: z.literal(true) }),
      },
      404: { description: 'COLLECTION_NOT_FOUND' },
    },
    handler: async function deleteCollection(c) {
      const name = c.req.param('name')!;
      await store.drop(name);
      return c.json({ name, deleted: true });
    },
  };
}
