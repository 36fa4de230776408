import { describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createModelRegistry } from '../model-registry.js';
import {
  type EmbedCalls,
  fakeImageModel,
  fakeTextModel,
  imageBytes,
} from '../testing/fake-models.js';
import { expectError, postForm } from '../testing/http.js';

function setup() {
  const calls: EmbedCalls = [];
  const registry = createModelRegistry([fakeImageModel({ calls }), fakeTextModel({ calls })]);
  return { app: createApp({ registry }), calls };
}

describe('multipart control fields', () => {
  it('/v1/embeddings takes encoding_format as a control, not as one more text', async () => {
    const { app, calls } = setup();
    const res = await postForm(app, '/v1/embeddings', [
      ['model', 'fake-text'],
      ['text', 'abc'],
      ['encoding_format', 'base64'],
      ['user', 'someone'],
    ]);

    expect(res.status).toBe(200);
    expect(calls[0]).toEqual([{ kind: 'text', text: 'abc' }]);
    const body = (await res.json()) as { data: Array<{ embedding: unknown }> };
    expect(body.data).toHaveLength(1);
    expect(Buffer.from(body.data[0].embedding as string, 'base64')).toHaveLength(16);
  });

  it('/v1/embeddings checks multipart dimensions against the model', async () => {
    const { app } = setup();
    const same = await postForm(app, '/v1/embeddings', [
      ['model', 'fake-text'],
      ['dimensions', '4'],
      ['text', 'abc'],
    ]);
    expect(same.status).toBe(200);

    const other = await postForm(app, '/v1/embeddings', [
      ['model', 'fake-text'],
      ['dimensions', '5'],
      ['text', 'abc'],
    ]);
    await expectError(other, 400, 'INVALID_FIELD');
    const word = await postForm(app, '/v1/embeddings', [
      ['model', 'fake-text'],
      ['dimensions', 'four'],
      ['text', 'abc'],
    ]);
    await expectError(word, 400, 'INVALID_FIELD');
  });

  it('/v1/embeddings refuses a bad encoding_format', async () => {
    const { app } = setup();
    const res = await postForm(app, '/v1/embeddings', [
      ['model', 'fake-text'],
      ['encoding_format', 'hex'],
      ['text', 'abc'],
    ]);
    await expectError(res, 400, 'INVALID_FIELD');
  });

  it.each<[string, string, Array<[string, string]>]>([
    ['/v1/embeddings', 'k', [['text', 'abc']]],
    ['/v1/search', 'encoding_format', [['text', 'abc']]],
    [
      '/v1/similarity',
      'k',
      [
        ['a', 'x'],
        ['b', 'y'],
      ],
    ],
  ])('%s refuses the %s field of another route with UNKNOWN_FIELD', async (path, name, rest) => {
    const { app, calls } = setup();
    const res = await postForm(app, path, [['model', 'fake-text'], [name, '5'], ...rest]);
    const error = await expectError(res, 400, 'UNKNOWN_FIELD');
    expect(error.message).toContain(name);
    expect(calls).toHaveLength(0);
  });

  it('any other field name is still an input, for byte models too', async () => {
    const { app, calls } = setup();
    const res = await postForm(app, '/v1/embeddings', [
      ['model', 'fake-image'],
      ['kind', imageBytes(1)],
    ]);
    expect(res.status).toBe(200);
    expect(calls[0]).toHaveLength(1);
  });
});
