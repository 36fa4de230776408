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
import type { RouteDeps } from './route-deps.js';

/** How a JSON request wants its vectors: numbers, or base64 of little-endian float32. */
type EncodingFormat = 'float' | 'base64';

/** A validated embeddings request, inputs not yet decoded. */
interface EmbeddingsRequest {
  model: string;
  inputs: RawInput[];
  encoding: EncodingFormat;
  dimensions?: number;
}

/**
 * The JSON request: this server's `{ model, input }`, which is also the shape of OpenAI's
 * embeddings API (https://platform.openai.com/docs/api-reference/embeddings/create), with its
 * optional `encoding_format`, `dimensions` and `user`. Token-array inputs are not taken: the
 * models here read files and text, not a tokenizer's ids.
 */
export const EmbeddingsRequestSchema = z.strictObject({
  model: ModelNameSchema,
  input: z.union([InputSchema, z.array(InputSchema).min(1)]),
  encoding_format: z
    .enum(['float', 'base64'])
    .optional()
    .meta({ description: 'float (default): numbers; base64: little-endian float32 bytes' }),
  dimensions: z
    .number()
    .int()
    .positive()
    .optional()
    .meta({ description: 'Accepted only when equal to the model’s embeddingDim' }),
  user: z.string().optional().meta({ description: 'Accepted for OpenAI clients and ignored' }),
});

/** The response: OpenAI's list shape, plus this server's `dim`. */
export const EmbeddingsResponseSchema = z.object({
  object: z.literal('list'),
  model: z.string(),
  data: z.array(
    z.object({
      object: z.literal('embedding'),
      index: z.number().int(),
      embedding: z.union([z.array(z.number()), z.string()]),
    }),
  ),
  dim: z.number().int(),
  usage: z
    .object({ prompt_tokens: z.number().int(), total_tokens: z.number().int() })
    .meta({ description: 'No tokenizer here: both count the inputs embedded' }),
});

/**
 * `POST /v1/embeddings`: one vector per input.
 *
 * JSON `{ model, input, encoding_format?, dimensions?, user? }`, `input` a string or a list of
 * strings (base64 or data URLs for byte models, plain text for text models); or multipart with a
 * `model` field (and optionally `encoding_format`, `dimensions`, `user`, as in JSON) and one or
 * more inputs under any other field names, in the order sent. `k` is refused as UNKNOWN_FIELD.
 *
 * @returns `{ object: 'list', model, data: [{ object: 'embedding', index, embedding }], dim,
 *   usage }`; with `encoding_format: 'base64'` each `embedding` is the base64 of its float32
 *   values in little-endian order, as OpenAI sends them
 */
export function embeddingsRoute({ registry, limits, embed }: RouteDeps): RouteDef {
  return {
    method: 'POST',
    path: '/v1/embeddings',
    operationId: 'createEmbeddings',
    summary: 'Embed inputs (OpenAI-compatible)',
    tag: 'embeddings',
    access: 'read',
    bodyLimit: limits.maxBodyBytes,
    // The document states the enforced limits; the handler checks them with their own codes.
    json: EmbeddingsRequestSchema.extend({
      input: z.union([InputSchema, z.array(InputSchema).min(1).max(limits.maxInputs)]),
    }),
    multipart: MultipartSchema,
    uses: ['model'],
    responses: {
      200: { description: 'One vector per input, in order', schema: EmbeddingsResponseSchema },
      400: { description: 'A bad field or input' },
      404: { description: 'No such model' },
      413: { description: 'Too large or too many inputs' },
    },
    async handler(c) {
      const body = await readBody(c.req.raw);
      const request = body.type === 'json' ? fromJson(body.value) : fromForm(body.parts);
      checkInputCount(request.inputs.length, 'input', limits.maxInputs);

      const model = registry.get(request.model);
      const dim = model.manifest.embeddingDim;
      if (request.dimensions !== undefined && request.dimensions !== dim) {
        throw invalidField(
          'dimensions',
          `${dim}, the dimension of ${model.name}`,
          request.dimensions,
        );
      }
      const inputs = await decodeInputs(request.inputs, inputKindOf(model), limits.maxTextLength);
      const vectors = await embed(model, inputs, c.req.raw.signal);

      const encode =
        request.encoding === 'base64' ? float32Base64 : (v: Float32Array) => Array.from(v);
      return c.json({
        object: 'list',
        model: model.name,
        data: vectors.map((v, index) => ({ object: 'embedding', index, embedding: encode(v) })),
        dim,
        usage: { prompt_tokens: inputs.length, total_tokens: inputs.length },
      });
    },
  };
}

/**
 * Base64 of a vector's float32 values, little-endian whatever the host's byte order, which is
 * what OpenAI's `encoding_format: "base64"` carries (its Python client decodes it with
 * `np.frombuffer(..., dtype="float32")`).
 */
export function float32Base64(v: Float32Array): string {
  const bytes = new Uint8Array(v.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < v.length; i++) view.setFloat32(i * 4, v[i], true);
  return Buffer.from(bytes).toString('base64');
}

function fromJson(value: unknown): EmbeddingsRequest {
  const body = checkFields(value, {
    model: { required: true, expected: 'a model name' },
    input: { required: true, expected: 'a string or a non-empty list of strings' },
    encoding_format: { required: false, expected: "'float' or 'base64'" },
    dimensions: { required: false, expected: "the model's embeddingDim" },
    user: { required: false, expected: 'a string (ignored)' },
  });
  const input = expectInputs(body.input, 'input', 'list');
  if (body.dimensions !== undefined && !Number.isSafeInteger(body.dimensions)) {
    throw invalidField('dimensions', 'a positive integer', body.dimensions);
  }
  if (body.user !== undefined && typeof body.user !== 'string') {
    throw invalidField('user', 'a string', body.user);
  }
  return {
    model: expectName(body.model, 'model'),
    inputs: rawFromStrings(input.items, input.labels),
    encoding: encodingOf(body.encoding_format),
    dimensions: body.dimensions as number | undefined,
  };
}

function encodingOf(value: unknown): EncodingFormat {
  const encoding = value ?? 'float';
  if (encoding !== 'float' && encoding !== 'base64') {
    throw invalidField('encoding_format', "'float' or 'base64'", value);
  }
  return encoding;
}

function fromForm(parts: FormPart[]): EmbeddingsRequest {
  // The same control fields as the JSON request; `user` is taken and ignored there too.
  const { fields, inputs } = splitParts(parts, ['model', 'encoding_format', 'dimensions', 'user']);
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
  return {
    model: expectName(fields.model, 'model'),
    inputs: rawFromParts(inputs),
    encoding: encodingOf(fields.encoding_format),
    dimensions: fields.dimensions === undefined ? undefined : dimensionsOf(fields.dimensions),
  };
}

function dimensionsOf(text: string): number {
  if (!/^\s*[1-9]\d{0,8}\s*$/.test(text)) {
    throw invalidField('dimensions', 'a positive integer', text);
  }
  return Number(text);
}
