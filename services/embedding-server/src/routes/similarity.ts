import { ManyViewsError } from '@manyviews/augment-core';
import { z } from 'zod';
import {
  decodeInputs,
  inputKindOf,
  type RawInput,
  rawFromParts,
  rawFromStrings,
} from '../model-inputs.js';
import { InputSchema, ModelNameSchema, MultipartSchema } from '../openapi/common-schemas.js';
import { type FormPart, readBody, splitParts } from '../request-body.js';
import type { RouteDef } from '../route-def.js';
import {
  checkFields,
  checkInputCount,
  expectInputs,
  expectName,
  invalidField,
} from '../validate.js';
import { cosine, cosineMatrix } from '../vector-math.js';
import type { RouteDeps } from './route-deps.js';

/** A validated similarity request: `list` false for one pair, true for a matrix. */
interface SimilarityRequest {
  model: string;
  list: boolean;
  a: RawInput[];
  b: RawInput[];
}

const Inputs = z.union([InputSchema, z.array(InputSchema).min(1)]);

/** The JSON request: two inputs, or two lists of them. */
export const SimilarityRequestSchema = z.strictObject({
  model: ModelNameSchema,
  a: Inputs,
  b: Inputs.meta({ description: 'The same form as a: a single input, or a list' }),
});

/** A pair gives `score`, two lists give `matrix`. */
export const SimilarityResponseSchema = z.union([
  z.object({ model: z.string(), score: z.number().min(-1).max(1) }),
  z.object({
    model: z.string(),
    matrix: z.array(z.array(z.number())).meta({ description: 'matrix[i][j] = cos(a[i], b[j])' }),
  }),
]);

/**
 * `POST /v1/similarity`: cosine similarity of inputs under one model.
 *
 * JSON `{ model, a, b }`: two single inputs give `{ model, score }`; two lists give
 * `{ model, matrix }` with `matrix[i][j]` the cosine of `a[i]` and `b[j]`. Multipart: a `model`
 * field and one input each in the fields `a` and `b`.
 *
 * Scores are in [-1, 1]. Vectors are normalised again before the cosine, in case a model does not.
 */
export function similarityRoute({ registry, limits, embed }: RouteDeps): RouteDef {
  return {
    method: 'POST',
    path: '/v1/similarity',
    operationId: 'similarity',
    summary: 'Cosine similarity of a pair, or of every a[i] with every b[j]',
    tag: 'embeddings',
    access: 'read',
    bodyLimit: limits.maxBodyBytes,
    json: SimilarityRequestSchema,
    multipart: MultipartSchema,
    uses: ['model'],
    responses: {
      200: { description: 'A score or a matrix', schema: SimilarityResponseSchema },
      400: { description: 'A bad field or input' },
      404: { description: 'No such model' },
      413: { description: 'Too large or too many inputs' },
    },
    async handler(c) {
      const body = await readBody(c.req.raw);
      const request = body.type === 'json' ? fromJson(body.value) : fromForm(body.parts);
      checkInputCount(request.a.length + request.b.length, 'a and b together', limits.maxInputs);

      const model = registry.get(request.model);
      const kind = inputKindOf(model);
      const inputs = await decodeInputs([...request.a, ...request.b], kind, limits.maxTextLength);
      const vectors = await embed(model, inputs, c.req.raw.signal);
      const a = vectors.slice(0, request.a.length);
      const b = vectors.slice(request.a.length);

      if (!request.list) return c.json({ model: model.name, score: cosine(a[0], b[0]) });
      return c.json({ model: model.name, matrix: cosineMatrix(a, b) });
    },
  };
}

function fromJson(value: unknown): SimilarityRequest {
  const body = checkFields(value, {
    model: { required: true, expected: 'a model name' },
    a: { required: true, expected: 'a string or a non-empty list of strings' },
    b: { required: true, expected: 'the same form as a' },
  });
  const model = expectName(body.model, 'model');
  const a = expectInputs(body.a, 'a', 'list');
  const b = expectInputs(body.b, 'b', 'list');
  if (a.list !== b.list) {
    throw invalidField(
      'b',
      a.list ? 'a list, since a is a list' : 'a string, since a is a string',
      body.b,
    );
  }
  return {
    model,
    list: a.list,
    a: rawFromStrings(a.items, a.labels),
    b: rawFromStrings(b.items, b.labels),
  };
}

function fromForm(parts: FormPart[]): SimilarityRequest {
  const { fields, inputs } = splitParts(parts, ['model']);
  if (fields.model === undefined) {
    throw new ManyViewsError('MISSING_FIELD', 'model is required', {
      expected: 'a model field, e.g. -F model=fashion-mnist',
    });
  }

  const byName: Record<'a' | 'b', FormPart[]> = { a: [], b: [] };
  for (const part of inputs) {
    if (part.name !== 'a' && part.name !== 'b') {
      throw new ManyViewsError('UNKNOWN_FIELD', `${part.name} is not a field of this request`, {
        expected: 'the fields model, a and b',
        received: part.name,
      });
    }
    byName[part.name].push(part);
  }
  for (const name of ['a', 'b'] as const) {
    if (byName[name].length === 0) {
      throw new ManyViewsError('MISSING_FIELD', `${name} is required`, {
        expected: `one input, e.g. -F ${name}=@${name}.png`,
      });
    }
    if (byName[name].length > 1) {
      throw invalidField(
        name,
        'a single input (send lists as JSON)',
        `${byName[name].length} parts`,
      );
    }
  }

  return {
    model: expectName(fields.model, 'model'),
    list: false,
    a: rawFromParts(byName.a),
    b: rawFromParts(byName.b),
  };
}
