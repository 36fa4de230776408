import { z } from 'zod';
import { modelVersionOf } from '../model-version.js';
import { ModelNameSchema } from '../openapi/common-schemas.js';
import { readBody } from '../request-body.js';
import type { RouteDef } from '../route-def.js';
import { invalidField } from '../validate.js';
import { parseWith } from '../zod-parse.js';
import { type CollectionDeps, CollectionSchema } from './collection-common.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The JSON request. */
export const CreateCollectionSchema = z.strictObject({
  name: z
    .string()
    // The rule in words, for the 400 a bad name gets (see expectationOf).
    .regex(NAME, { error: '1 to 64 of A-Z a-z 0-9 . _ -, starting with a letter or digit' })
    .meta({ description: '1 to 64 of A-Z a-z 0-9 . _ -, not first . _ -' }),
  model: ModelNameSchema.meta({ description: 'The model that embeds its raw inputs' }),
});

/**
 * `POST /v1/collections`: creates an empty collection bound to a loaded model and its current
 * version. Answers 201 with the collection, 409 `COLLECTION_EXISTS` when the name is taken.
 */
export function createCollectionRoute(deps: CollectionDeps): RouteDef {
  const { registry, store, limits } = deps;
  return {
    method: 'POST',
    path: '/v1/collections',
    operationId: 'createCollection',
    summary: 'Create a collection bound to a model',
    tag: 'collections',
    access: 'write',
    bodyLimit: limits.maxBodyBytes,
    json: CreateCollectionSchema,
    uses: ['store'],
    responses: {
      201: { description: 'Created', schema: CollectionSchema },
      400: { description: 'A bad name' },
      404: { description: 'No such model' },
      409: { description: 'COLLECTION_EXISTS' },
    },
    async handler(c) {
      const body = await readBody(c.req.raw);
      if (body.type !== 'json') throw invalidField('body', 'JSON', 'multipart');
      const request = parseWith(CreateCollectionSchema, body.value);

      const model = registry.get(request.model);
      const created = await store.create({
        name: request.name,
        model: model.name,
        modelVersion: modelVersionOf(model),
        dim: model.manifest.embeddingDim,
      });
      return c.json(created, 201);
    },
  };
}
