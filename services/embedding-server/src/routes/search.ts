import { ManyViewsError } from '@manyviews/augment-core';
import type { Handler } from 'hono';
import { z } from 'zod';
import {
  decodeInputs,
  inputKindOf,
  type RawInput,
  rawFromParts,
  rawFromStrings,
} from '../model-inputs.js';
import {
  InputSchema,
  kSchema,
  ModelNameSchema,
  MultipartSchema,
} from '../openapi/common-schemas.js';
import { type FormPart, readBody, splitParts } from '../request-body.js';
import type { RouteDef } from '../route-def.js';
import { checkFields, expectCount, expectInputs, expectName, invalidField } from '../validate.js';
import { normalize, topK } from '../vector-math.js';
import type { RouteDeps } from './route-deps.js';

/** How many results a search returns when the request names no `k`. */
export const DEFAULT_K = 10;

/** A validated search request. */
interface SearchRequest {
  model: string;
  input: RawInput;
  k: number;
}

/** The JSON request: one input and how many neighbours. */
export const SearchRequestSchema = z.strictObject({
  model: ModelNameSchema,
  input: InputSchema,
  k: z.number().int().min(1).optional().meta({ description: 'At most limits.maxK; default 10' }),
});

/** Nearest entries of the model's stored index, best first. */
export const SearchResponseSchema = z.object({
  model: z.string(),
  results: z.array(
    z.object({
      id: z.string(),
      score: z.number().min(-1).max(1),
      label: z.union([z.string(), z.number(), z.null()]),
    }),
  ),
});

/**
 * `POST /v1/search`: the `k` nearest entries of the model's stored index to one input, by exact
 * cosine, best first (ties in index order).
 *
 * JSON `{ model, input, k? }` or multipart with `model`, optional `k`, and one input under any
 * field name. `k` defaults to 10 (or `limits.maxK` when that is lower); fewer results come back
 * when the index is smaller than `k`.
 *
 * @returns `{ model, results: [{ id, score, label }] }`
 * @throws {ManyViewsError} `INDEX_MISSING` (409) when the model was loaded without an index, or
 *   with a stale one (built with other weights; the message says how to rebuild it)
 */
export function searchRoute(deps: RouteDeps): RouteDef {
  const { limits } = deps;
  const defaultK = Math.min(DEFAULT_K, limits.maxK);
  return {
    method: 'POST',
    path: '/v1/search',
    operationId: 'searchModelIndex',
    summary: "Nearest neighbours in a model's stored index",
    tag: 'search',
    access: 'read',
    bodyLimit: deps.limits.maxBodyBytes,
    json: SearchRequestSchema.extend({ k: kSchema(limits.maxK, defaultK) }),
    multipart: MultipartSchema,
    uses: ['model'],
    responses: {
      200: { description: 'Up to k results, best first', schema: SearchResponseSchema },
      400: { description: 'A bad field or input' },
      404: { description: 'No such model' },
      409: { description: 'INDEX_MISSING: the model has no index, or only a stale one' },
    },
    handler: searchHandler(deps),
  };
}

function searchHandler({ registry, limits, embed }: RouteDeps): Handler {
  const defaultK = Math.min(DEFAULT_K, limits.maxK);

  return async function search(c) {
    const body = await readBody(c.req.raw);
    const request =
      body.type === 'json'
        ? fromJson(body.value, limits.maxK, defaultK)
        : fromForm(body.parts, limits.maxK, defaultK);

    const model = registry.get(request.model);
    const index = model.index;
    if (index === undefined) {
      const message = model.indexStale ?? `model ${model.name} has no search index`;
      throw new ManyViewsError('INDEX_MISSING', message, {
        expected: 'a model whose directory holds a search index built with its weights',
      });
    }

    const inputs = await decodeInputs([request.input], inputKindOf(model), limits.maxTextLength);
    const [vector] = await embed(model, inputs, c.req.raw.signal);
    const hits = topK(index.vectors, index.dim, normalize(vector), request.k);

    return c.json({
      model: model.name,
      results: hits.map(({ row, score }) => ({
        id: index.ids[row],
        // float32 rows and query: a parallel pair can sum a hair past 1; cosines stay in [-1, 1].
        score: Math.max(-1, Math.min(1, score)),
        label: index.labels[row] ?? null,
      })),
    });
  };
}

function fromJson(value: unknown, maxK: number, defaultK: number): SearchRequest {
  const body = checkFields(value, {
    model: { required: true, expected: 'a model name' },
    input: { required: true, expected: 'a string' },
    k: { required: false, expected: `an integer in [1, ${maxK}] (default ${defaultK})` },
  });
  const model = expectName(body.model, 'model');
  const input = expectInputs(body.input, 'input', 'single');
  const k = body.k === undefined ? defaultK : expectCount(body.k, 'k', maxK);
  return { model, input: rawFromStrings(input.items, input.labels)[0], k };
}

function fromForm(parts: FormPart[], maxK: number, defaultK: number): SearchRequest {
  const { fields, inputs } = splitParts(parts, ['model', 'k']);
  if (fields.model === undefined) {
    throw new ManyViewsError('MISSING_FIELD', 'model is required', {
      expected: 'a model field, e.g. -F model=fashion-mnist',
    });
  }
  if (inputs.length !== 1) {
    if (inputs.length === 0) {
      throw new ManyViewsError('MISSING_FIELD', 'no input was sent', {
        expected: 'one file field, e.g. -F image=@query.png',
      });
    }
    throw invalidField('input', 'exactly one input besides model and k', `${inputs.length} parts`);
  }

  const k = fields.k === undefined ? defaultK : expectCount(fields.k, 'k', maxK, true);
  return { model: expectName(fields.model, 'model'), input: rawFromParts(inputs)[0], k };
}
