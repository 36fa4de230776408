import { ManyViewsError } from '@manyviews/augment-core';
import type { Handler } from 'hono';
import { embedInputs } from '../embed-inputs.js';
import {
  decodeInputs,
  inputKindOf,
  type RawInput,
  rawFromParts,
  rawFromStrings,
} from '../model-inputs.js';
import { type FormPart, readBody, splitParts } from '../request-body.js';
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

/**
 * `POST /v1/similarity`: cosine similarity of inputs under one model.
 *
 * JSON `{ model, a, b }`: two single inputs give `{ model, score }`; two lists give
 * `{ model, matrix }` with `matrix[i][j]` the cosine of `a[i]` and `b[j]`. Multipart: a `model`
 * field and one input each in the fields `a` and `b`.
 *
 * Scores are in [-1, 1]. Vectors are normalised again before the cosine, in case a model does not.
 */
export function similarityRoute({ registry, limits }: RouteDeps): Handler {
  return async function similarity(c) {
    const body = await readBody(c.req.raw);
    const request = body.type === 'json' ? fromJson(body.value) : fromForm(body.parts);
    checkInputCount(request.a.length + request.b.length, 'a and b together', limits.maxInputs);

    const model = registry.get(request.model);
    const kind = inputKindOf(model);
    const inputs = await decodeInputs([...request.a, ...request.b], kind);
    const vectors = await embedInputs(model, inputs);
    const a = vectors.slice(0, request.a.length);
    const b = vectors.slice(request.a.length);

    if (!request.list) return c.json({ model: model.name, score: cosine(a[0], b[0]) });
    return c.json({ model: model.name, matrix: cosineMatrix(a, b) });
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
