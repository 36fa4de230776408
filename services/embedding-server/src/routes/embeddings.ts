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
import { checkFields, checkInputCount, expectInputs, expectName } from '../validate.js';
import type { RouteDeps } from './route-deps.js';

/** A validated embeddings request, inputs not yet decoded. */
interface EmbeddingsRequest {
  model: string;
  inputs: RawInput[];
}

/**
 * `POST /v1/embeddings`: one vector per input.
 *
 * JSON `{ model, input }`, `input` a string or a list of strings (base64 or data URLs for byte
 * models, plain text for text models); or multipart with a `model` field and one or more inputs
 * under any field names, in the order sent.
 *
 * @returns `{ model, data: [{ index, embedding }], dim }`
 */
export function embeddingsRoute({ registry, limits }: RouteDeps): Handler {
  return async function embeddings(c) {
    const body = await readBody(c.req.raw);
    const request = body.type === 'json' ? fromJson(body.value) : fromForm(body.parts);
    checkInputCount(request.inputs.length, 'input', limits.maxInputs);

    const model = registry.get(request.model);
    const inputs = await decodeInputs(request.inputs, inputKindOf(model));
    const vectors = await embedInputs(model, inputs);

    return c.json({
      model: model.name,
      data: vectors.map((v, index) => ({ index, embedding: Array.from(v) })),
      dim: model.manifest.embeddingDim,
    });
  };
}

function fromJson(value: unknown): EmbeddingsRequest {
  const body = checkFields(value, {
    model: { required: true, expected: 'a model name' },
    input: { required: true, expected: 'a string or a non-empty list of strings' },
  });
  const input = expectInputs(body.input, 'input', 'list');
  return {
    model: expectName(body.model, 'model'),
    inputs: rawFromStrings(input.items, input.labels),
  };
}

function fromForm(parts: FormPart[]): EmbeddingsRequest {
  const { fields, inputs } = splitParts(parts, ['model']);
  if (fields.model === undefined) {
    throw new ManyViewsError('MISSING_FIELD', 'model is required', {
      expected: 'a model field, e.g. -F model=fashion-mnist',
    });
  }
  if (inputs.length === 0) {
    throw new ManyViewsError('MISSING_FIELD', 'no input was sent', {
      expected: 'one or more file fields, e.g. -F image=@a.png',
    });
  }
  return { model: expectName(fields.model, 'model'), inputs: rawFromParts(inputs) };
}
