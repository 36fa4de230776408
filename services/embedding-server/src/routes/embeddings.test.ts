import { describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createModelRegistry } from '../model-registry.js';
import {
  base64,
  type EmbedCalls,
  fakeImageModel,
  fakeTextModel,
  imageBytes,
} from '../testing/fake-models.js';
import { expectError, postForm, postJson } from '../testing/http.js';

type EmbeddingsBody = {
  model: string;
  data: Array<{ index: number; embedding: number[] }>;
  dim: number;
};

function setup(limits?: { maxInputs?: number }) {
  const calls: EmbedCalls = [];
  const registry = createModelRegistry([fakeImageModel({ calls }), fakeTextModel({ calls })]);
  return { app: createApp({ registry, limits }), calls };
}

describe('POST /v1/embeddings, JSON', () => {
  it('embeds one base64 image', async () => {
    const { app } = setup();
    const res = await postJson(app, '/v1/embeddings', {
      model: 'fake-image',
      input: base64(imageBytes(3, 4, 0, 0)),
    });

    expect(res.status).toBe(200);
    const body = (await res.json()) as EmbeddingsBody;
    expect(body.model).toBe('fake-image');
    expect(body.dim).toBe(4);
    expect(body.data).toHaveLength(1);
    expect(body.data[0].index).toBe(0);
    expect(body.data[0].embedding).toEqual([Math.fround(0.6), Math.fround(0.8), 0, 0]);
  });

  it('embeds a list, in order, and accepts data URLs beside plain base64', async () => {
    const { app, calls } = setup();
    const res = await postJson(app, '/v1/embeddings', {
      model: 'fake-image',
      input: [
        base64(imageBytes(1, 0, 0, 0)),
        `data:image/png;base64,${base64(imageBytes(0, 0, 2, 0))}`,
      ],
    });

    const body = (await res.json()) as EmbeddingsBody;
    expect(body.data.map((d) => d.index)).toEqual([0, 1]);
    expect(body.data[0].embedding).toEqual([1, 0, 0, 0]);
    expect(body.data[1].embedding).toEqual([0, 0, 1, 0]);
    // One embed call for the whole request: the model batches.
    expect(calls).toHaveLength(1);
    expect(calls[0]).toHaveLength(2);
  });

  it('passes plain text to a text model', async () => {
    const { app, calls } = setup();
    const res = await postJson(app, '/v1/embeddings', { model: 'fake-text', input: ['aab', 'c'] });

    const body = (await res.json()) as EmbeddingsBody;
    expect(calls[0]).toEqual([
      { kind: 'text', text: 'aab' },
      { kind: 'text', text: 'c' },
    ]);
    expect(body.data[0].embedding[0]).toBeCloseTo(2 / Math.sqrt(5), 6);
    expect(body.data[1].embedding).toEqual([0, 0, 1, 0]);
  });

  it('maps a model decode error to 400 with the model\u2019s code', async () => {
    const { app } = setup();
    const res = await postJson(app, '/v1/embeddings', {
      model: 'fake-image',
      input: base64(Uint8Array.of(1, 2, 3, 4)),
    });
    await expectError(res, 400, 'IMAGE_DECODE_FAILED');
  });

  it.each([
    ['a non-object body', [1, 2], 400, 'INVALID_BODY', /JSON object/],
    ['a missing model', { input: 'x' }, 400, 'MISSING_FIELD', /^model is required/],
    ['a missing input', { model: 'fake-text' }, 400, 'MISSING_FIELD', /^input is required/],
    ['an extra field', { model: 'fake-text', input: 'a', usr: 1 }, 400, 'UNKNOWN_FIELD', /usr/],
    ['a numeric user', { model: 'fake-text', input: 'a', user: 1 }, 400, 'INVALID_FIELD', /^user /],
    ['a numeric model', { model: 3, input: 'a' }, 400, 'INVALID_FIELD', /^model .*received 3/],
    ['a numeric input', { model: 'fake-text', input: 5 }, 400, 'INVALID_FIELD', /^input /],
    ['an empty list', { model: 'fake-text', input: [] }, 400, 'INVALID_FIELD', /non-empty list/],
    [
      'a non-string item',
      { model: 'fake-text', input: ['a', {}] },
      400,
      'INVALID_FIELD',
      /input\[1\]/,
    ],
    [
      'an empty text',
      { model: 'fake-text', input: [''] },
      400,
      'INVALID_INPUT',
      /input\[0\] is empty/,
    ],
    [
      'bad base64',
      { model: 'fake-image', input: 'ab$d' },
      400,
      'INVALID_BASE64',
      /input is not valid/,
    ],
    [
      'an unknown model',
      { model: 'nope', input: 'a' },
      404,
      'MODEL_NOT_FOUND',
      /fake-image, fake-text/,
    ],
  ])('rejects %s', async (_what, payload, status, code, message) => {
    const { app, calls } = setup();
    const error = await expectError(await postJson(app, '/v1/embeddings', payload), status, code);
    expect(error.message).toMatch(message);
    expect(calls).toHaveLength(0);
  });

  it('rejects more inputs than the per-request limit with 413', async () => {
    const { app } = setup({ maxInputs: 2 });
    const res = await postJson(app, '/v1/embeddings', {
      model: 'fake-text',
      input: ['a', 'b', 'c'],
    });
    const error = await expectError(res, 413, 'TOO_MANY_INPUTS');
    expect(error.message).toMatch(/expected at most 2, received 3/);
  });
});

describe('POST /v1/embeddings, multipart', () => {
  it('embeds every file field in the order sent, whatever its name', async () => {
    const { app, calls } = setup();
    const res = await postForm(app, '/v1/embeddings', [
      ['model', 'fake-image'],
      ['image', imageBytes(0, 1, 0, 0)],
      ['other', imageBytes(0, 0, 0, 7)],
      ['image', imageBytes(-1, 0, 0, 0)],
    ]);

    expect(res.status).toBe(200);
    const body = (await res.json()) as EmbeddingsBody;
    expect(body.data.map((d) => d.embedding)).toEqual([
      [0, 1, 0, 0],
      [0, 0, 0, 1],
      [-1, 0, 0, 0],
    ]);
    const first = calls[0][0];
    expect(first.kind === 'bytes' && first.filename).toBe('file-1.png');
  });

  it('reads text fields and UTF-8 files for a text model', async () => {
    const { app, calls } = setup();
    const res = await postForm(app, '/v1/embeddings', [
      ['model', 'fake-text'],
      ['text', 'abc'],
      ['doc', new TextEncoder().encode('caf\u00e9')],
    ]);

    expect(res.status).toBe(200);
    expect(calls[0]).toEqual([
      { kind: 'text', text: 'abc' },
      { kind: 'text', text: 'caf\u00e9' },
    ]);
  });

  it.each([
    ['no model field', [['image', imageBytes(1)]], 400, 'MISSING_FIELD', /^model is required/],
    ['no input', [['model', 'fake-image']], 400, 'MISSING_FIELD', /no input/],
    [
      'a model file',
      [
        ['model', imageBytes(1)],
        ['image', imageBytes(1)],
      ],
      400,
      'INVALID_FIELD',
      /model/,
    ],
    [
      'two model fields',
      [
        ['model', 'fake-image'],
        ['model', 'fake-text'],
        ['image', imageBytes(1)],
      ],
      400,
      'INVALID_FIELD',
      /model must be one plain text field/,
    ],
    [
      'a text field for an image model',
      [
        ['model', 'fake-image'],
        ['image', 'aGVsbG8='],
      ],
      400,
      'INVALID_FIELD',
      /image .*a file upload/,
    ],
    [
      'an empty file',
      [
        ['model', 'fake-image'],
        ['image', new Uint8Array(0)],
      ],
      400,
      'INVALID_INPUT',
      /image is empty/,
    ],
    [
      'a file that is not an image',
      [
        ['model', 'fake-image'],
        ['image', Uint8Array.of(9, 9, 9, 9)],
      ],
      400,
      'IMAGE_DECODE_FAILED',
      /not an image/,
    ],
    [
      'a text file that is not UTF-8',
      [
        ['model', 'fake-text'],
        ['doc', Uint8Array.of(0xff, 0xfe, 0xfd)],
      ],
      400,
      'TEXT_DECODE_FAILED',
      /doc is not UTF-8/,
    ],
  ] as Array<[string, Array<[string, string | Uint8Array]>, number, string, RegExp]>)(
    'rejects %s',
    async (_what, fields, status, code, message) => {
      const { app } = setup();
      const error = await expectError(await postForm(app, '/v1/embeddings', fields), status, code);
      expect(error.message).toMatch(message);
    },
  );

  it('counts files against the per-request limit', async () => {
    const { app, calls } = setup({ maxInputs: 1 });
    const res = await postForm(app, '/v1/embeddings', [
      ['model', 'fake-image'],
      ['a', imageBytes(1)],
      ['b', imageBytes(2)],
    ]);
    await expectError(res, 413, 'TOO_MANY_INPUTS');
    expect(calls).toHaveLength(0);
  });

  it('rejects a multipart body it cannot parse', async () => {
    const { app } = setup();
    const res = await app.request('/v1/embeddings', {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
      body: 'this is not multipart at all',
    });
    await expectError(res, 400, 'INVALID_MULTIPART');
  });
});

describe('POST /v1/embeddings, the OpenAI shape', () => {
  it('answers with object, usage and OpenAI’s list shape', async () => {
    const { app } = setup();
    const res = await postJson(app, '/v1/embeddings', {
      model: 'fake-text',
      input: ['ab', 'c'],
      encoding_format: 'float',
      user: 'someone',
    });

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      object: 'list',
      model: 'fake-text',
      data: [
        {
          object: 'embedding',
          index: 0,
          embedding: [Math.fround(Math.SQRT1_2), Math.fround(Math.SQRT1_2), 0, 0],
        },
        { object: 'embedding', index: 1, embedding: [0, 0, 1, 0] },
      ],
      dim: 4,
      usage: { prompt_tokens: 2, total_tokens: 2 },
    });
  });

  it('sends base64 of little-endian float32 values for encoding_format base64', async () => {
    const { app } = setup();
    const res = await postJson(app, '/v1/embeddings', {
      model: 'fake-image',
      input: base64(imageBytes(3, 4, 0, 0)),
      encoding_format: 'base64',
    });

    const body = (await res.json()) as { data: Array<{ embedding: string }> };
    const bytes = Buffer.from(body.data[0].embedding, 'base64');
    expect(bytes).toHaveLength(16);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const values = [0, 1, 2, 3].map((i) => view.getFloat32(i * 4, true));
    expect(values).toEqual([Math.fround(0.6), Math.fround(0.8), 0, 0]);
  });

  it('accepts dimensions equal to the model’s and refuses any other', async () => {
    const { app } = setup();
    const same = await postJson(app, '/v1/embeddings', {
      model: 'fake-text',
      input: 'a',
      dimensions: 4,
    });
    expect(same.status).toBe(200);

    const other = await postJson(app, '/v1/embeddings', {
      model: 'fake-text',
      input: 'a',
      dimensions: 2,
    });
    expect((await expectError(other, 400, 'INVALID_FIELD')).message).toMatch(/^dimensions .*4/);
  });

  it.each([
    ['an unknown encoding', { encoding_format: 'int8' }, /^encoding_format /],
    ['token arrays', { input: [[1, 2, 3]] }, /^input\[0\] /],
  ])('rejects %s', async (_what, override, message) => {
    const { app } = setup();
    const res = await postJson(app, '/v1/embeddings', {
      model: 'fake-text',
      input: 'a',
      ...override,
    });
    expect((await expectError(res, 400, 'INVALID_FIELD')).message).toMatch(message);
  });

  it('refuses a text over limits.maxTextLength with TEXT_TOO_LONG', async () => {
    const calls: EmbedCalls = [];
    const app = createApp({
      registry: createModelRegistry([fakeTextModel({ calls })]),
      limits: { maxTextLength: 5 },
    });
    const res = await postJson(app, '/v1/embeddings', {
      model: 'fake-text',
      input: ['abc', 'abcdef'],
    });
    const error = await expectError(res, 413, 'TEXT_TOO_LONG');
    expect(error.message).toMatch(/^input\[1\] is too long .*at most 5 characters.*6 characters/);
    expect(calls).toHaveLength(0);
  });
});
