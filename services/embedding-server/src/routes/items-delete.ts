import { ManyViewsError } from '@manyviews/augment-core';
import { z } from 'zod';
import { readBody } from '../request-body.js';
import type { RouteDef } from '../route-def.js';
import { invalidField } from '../validate.js';
import { parseWith } from '../zod-parse.js';
import { type CollectionDeps, CollectionParam } from './collection-common.js';

/** The JSON request. */
export const DeleteItemsSchema = z.strictObject({ ids: z.array(z.string().min(1)).min(1) });

/**
 * `POST /v1/collections/{name}/items/delete`: deletes items by id. A POST with a body rather
 * than DELETE, since a DELETE body has no defined meaning (RFC 9110, section 9.3.5). Ids not
 * stored are listed as `missing`, not refused, so a retried delete succeeds.
 */
export function deleteItemsRoute({ store, limits }: CollectionDeps): RouteDef {
  return {
    method: 'POST',
    path: '/v1/collections/:name/items/delete',
    operationId: 'deleteItems',
    summary: 'Delete items by id',
    tag: 'collections',
    access: 'write',
    bodyLimit: limits.maxCollectionBodyBytes,
    params: CollectionParam,
    // The document states limits.maxItems; the handler answers 413 TOO_MANY_ITEMS past it.
    json: DeleteItemsSchema.extend({ ids: z.array(z.string().min(1)).min(1).max(limits.maxItems) }),
    uses: ['store'],
    responses: {
      200: {
        description: 'Deleted and durable',
        schema: z.object({ deleted: z.array(z.string()), missing: z.array(z.string()) }),
      },
      404: { description: 'COLLECTION_NOT_FOUND' },
      413: { description: 'TOO_MANY_ITEMS' },
    },
    async handler(c) {
      const body = await readBody(c.req.raw);
      if (body.type !== 'json') throw invalidField('body', 'JSON', 'multipart');
      const { ids } = parseWith(DeleteItemsSchema, body.value);
      if (ids.length > limits.maxItems) {
        throw new ManyViewsError('TOO_MANY_ITEMS', 'ids: too many in one request', {
          expected: `at most ${limits.maxItems}`,
          received: ids.length,
        });
      }
      return c.json(await store.remove(c.req.param('name')!, ids));
    },
  };
}
