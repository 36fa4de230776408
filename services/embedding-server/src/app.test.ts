import { ManyViewsError } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import type { ServedModel } from './model-port.js';
import { createModelRegistry } from './model-registry.js';
import {
  base64,
  fakeImageModel,
  fakeTextModel,
  IMAGE_DIM,
  imageBytes,
  throwingModel,
  wrongDimModel,
} from './testing/fake-models.js';
import { expectError, postJson, recordingLogger } from './testing/http.js';

function setup(options: { limits?: { maxBodyBytes?: number }; extra?: ServedModel[] } = {}) {
  const logger = recordingLogger();
  const registry = createModelRegistry([
    fakeImageModel(),
    fakeTextModel(),
    throwingModel(),
    wrongDimModel(),
    ...(options.extra ?? []),
  ]);
  return { app: createApp({ registry, logger, limits: options.limits }), logger };
}

describe('createApp: routing', () => {
  it('answers an unknown path with a JSON 404 listing the routes', async () => {
    const { app } = setup();
    const error = await expectError(await app.request('/v2/nothing'), 404, 'NOT_FOUND');
    expect(error.message).toMatch(/GET \/v2\/nothing.*POST \/v1\/search/);
  });

  it('answers a known path with the wrong method with 405 and an Allow header', async () => {
    const { app } = setup();
    const res = await app.request('/v1/embeddings');
    expect(res.headers.get('allow')).toBe('POST');
    await expectError(res, 405, 'METHOD_NOT_ALLOWED');
    await expectError(
      await app.request('/healthz', { method: 'DELETE' }),
      405,
      'METHOD_NOT_ALLOWED',
    );
  });

  it('rejects invalid limits when built', () => {
    const registry = createModelRegistry([]);
    expect(() => createApp({ registry, limits: { maxInputs: 0 } })).toThrow(/limits.maxInputs/);
  });
});

describe('createApp: bodies', () => {
  it('rejects a body that is not JSON or multipart with 415, naming what came', async () => {
    const { app } = setup();
    const res = await app.request('/v1/embeddings', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'model=fake-text&input=a',
    });
    const error = await expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(error.message).toMatch(
      /application\/json or multipart\/form-data.*x-www-form-urlencoded/,
    );

    // A byte body, since a string body would get text/plain.
    const bare = await app.request('/v1/search', {
      method: 'POST',
      body: new TextEncoder().encode('{}'),
    });
    expect((await expectError(bare, 415, 'UNSUPPORTED_MEDIA_TYPE')).message).toMatch(
      /no Content-Type/,
    );
  });

  it('rejects malformed and empty JSON with INVALID_JSON', async () => {
    const { app } = setup();
    const bad = await postJson(app, '/v1/embeddings', '{"model": "fake-text", ');
    expect((await expectError(bad, 400, 'INVALID_JSON')).message).toMatch(/not valid JSON/);
    const empty = await postJson(app, '/v1/similarity', '');
    expect((await expectError(empty, 400, 'INVALID_JSON')).message).toMatch(/empty/);
  });

  it('accepts a JSON content type with parameters', async () => {
    const { app } = setup();
    const res = await app.request('/v1/embeddings', {
      method: 'POST',
      headers: { 'content-type': 'Application/JSON; charset=utf-8' },
      body: JSON.stringify({ model: 'fake-text', input: 'a' }),
    });
    expect(res.status).toBe(200);
  });

  it('rejects a body over the size limit with 413, by Content-Length or by streaming', async () => {
    const { app } = setup({ limits: { maxBodyBytes: 1000 } });
    const payload = JSON.stringify({ model: 'fake-image', input: base64(new Uint8Array(2000)) });

    const declared = await postJson(app, '/v1/embeddings', payload);
    expect((await expectError(declared, 413, 'BODY_TOO_LARGE')).message).toMatch(/1000 bytes/);

    // No Content-Length: the limit must count the bytes as they arrive.
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(payload));
        controller.close();
      },
    });
    const streamed = await app.request('/v1/embeddings', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await expectError(streamed, 413, 'BODY_TOO_LARGE');

    const small = await postJson(app, '/v1/embeddings', { model: 'fake-text', input: 'abc' });
    expect(small.status).toBe(200);
  });
});

describe('createApp: failures inside a model', () => {
  it('turns a plain Error into a generic 500, logs it, and keeps serving', async () => {
    const { app, logger } = setup();
    const res = await postJson(app, '/v1/embeddings', {
      model: 'fake-broken',
      input: base64(imageBytes(1)),
    });
    const error = await expectError(res, 500, 'INTERNAL_ERROR');
    expect(error.message).not.toMatch(/secret|conv2d/);

    const logged = logger.lines.find((l) => l.level === 'error');
    expect(logged?.fields).toMatchObject({
      path: '/v1/embeddings',
      error: expect.stringMatching(/conv2d/),
    });

    const next = await postJson(app, '/v1/embeddings', { model: 'fake-text', input: 'a' });
    expect(next.status).toBe(200);
  });

  it('answers 500 when a model returns vectors of the wrong size', async () => {
    const { app, logger } = setup();
    const res = await postJson(app, '/v1/similarity', {
      model: 'fake-wrong-dim',
      a: base64(imageBytes(1)),
      b: base64(imageBytes(2)),
    });
    await expectError(res, 500, 'INTERNAL_ERROR');
    expect(logger.lines.find((l) => l.level === 'error')?.fields?.code).toBe(
      'MODEL_OUTPUT_MISMATCH',
    );
  });

  it.each([
    ['/v1/embeddings', { input: 'A' }],
    ['/v1/similarity', { a: 'A', b: 'B' }],
  ])('answers 500 on %s, not nulls, when a model returns NaN or Infinity', async (route, body) => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const nan: ServedModel = {
        ...fakeImageModel({ name: 'nan' }),
        embed: async (inputs) =>
          inputs.map(() => {
            const v = new Float32Array(IMAGE_DIM).fill(0.5);
            v[3] = bad;
            return v;
          }),
      };
      const { app, logger } = setup({ extra: [nan] });
      const fields = Object.fromEntries(
        Object.entries(body).map(([k, v]) => [k, base64(imageBytes(v === 'A' ? 1 : 2))]),
      );
      const res = await postJson(app, route, { model: 'nan', ...fields });
      await expectError(res, 500, 'INTERNAL_ERROR');
      const logged = logger.lines.find((l) => l.level === 'error')?.fields;
      expect(logged).toMatchObject({
        code: 'MODEL_OUTPUT_MISMATCH',
        error: expect.stringContaining(`${bad} in input 0, dimension 3`),
      });
    }
  });

  it('answers 500 for a thrown non-Error and for an unknown ManyViewsError code', async () => {
    const odd: ServedModel = {
      ...fakeImageModel({ name: 'odd' }),
      embed: () => Promise.reject('just a string'),
    };
    const unknown: ServedModel = {
      ...fakeImageModel({ name: 'unknown-code' }),
      embed: () => Promise.reject(new ManyViewsError('WEIGHTS_CORRUPT', 'layer 3 has NaN weights')),
    };
    const { app } = setup({ extra: [odd, unknown] });
    const input = base64(imageBytes(1));

    await expectError(
      await postJson(app, '/v1/embeddings', { model: 'odd', input }),
      500,
      'INTERNAL_ERROR',
    );
    const res = await postJson(app, '/v1/embeddings', { model: 'unknown-code', input });
    expect((await expectError(res, 500, 'INTERNAL_ERROR')).message).not.toMatch(/NaN/);
  });
});

describe('createApp: logging', () => {
  it('logs one info line per request with its id, method, path, status and ms', async () => {
    const { app, logger } = setup();
    await app.request('/healthz');
    await postJson(app, '/v1/embeddings', { model: 'nope', input: 'a' });

    const info = logger.lines.filter((l) => l.level === 'info');
    expect(info).toHaveLength(2);
    expect(info[0].msg).toMatch(/^GET \/healthz 200 [\d.]+ms$/);
    expect(info[1].fields).toMatchObject({ method: 'POST', path: '/v1/embeddings', status: 404 });
    expect(typeof info[1].fields?.ms).toBe('number');
    expect(info[0].fields?.requestId).not.toBe(info[1].fields?.requestId);
    // A client error is not a server error: nothing at error level.
    expect(logger.lines.some((l) => l.level === 'error')).toBe(false);
  });
});
