import { describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { parseApiKeys } from '../auth.js';
import { createModelRegistry } from '../model-registry.js';
import { fakeTextModel } from '../testing/fake-models.js';

const app = createApp({ registry: createModelRegistry([fakeTextModel()]) });

type Doc = {
  openapi: string;
  // biome-ignore lint/suspicious/noExplicitAny: the document is walked field by field below.
  paths: Record<string, Record<string, Record<string, any>>>;
};

async function document(): Promise<Doc> {
  const res = await app.request('/openapi.json');
  expect(res.status).toBe(200);
  return (await res.json()) as Doc;
}

describe('GET /openapi.json', () => {
  it('is an OpenAPI 3.1 document listing every route the app serves', async () => {
    const doc = await document();
    expect(doc.openapi).toBe('3.1.0');

    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        'GET /healthz',
        'POST /v1/embeddings',
        'GET /docs',
        'GET /openapi.json',
      ]),
    );
    // Every documented operation is mounted: none falls through to the not-found handler.
    for (const op of operations) {
      const [method, path] = op.split(' ');
      const res = await app.request(path.replace(/\{\w+\}/g, 'x'), { method });
      const body = res.headers.get('content-type')?.includes('json') ? await res.json() : {};
      expect({ op, code: (body as { error?: { code: string } }).error?.code }).not.toEqual({
        op,
        code: 'NOT_FOUND',
      });
    }
  });

  it('documents the embeddings request from its zod schema, OpenAI fields included', async () => {
    const op = (await document()).paths['/v1/embeddings'].post;
    const schema = op.requestBody.content['application/json'].schema;

    expect(schema.required).toEqual(['model', 'input']);
    expect(schema.properties.encoding_format.enum).toEqual(['float', 'base64']);
    expect(schema.additionalProperties).toBe(false);
    expect(op.responses['400'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/ErrorBody',
    });
    expect(op.security).toEqual([{ bearer: [] }]);
  });

  it('marks health and docs as needing no key', async () => {
    const doc = await document();
    expect(doc.paths['/healthz'].get.security).toEqual([]);
    expect(doc.paths['/docs'].get.security).toEqual([]);
  });
});

describe('GET /docs', () => {
  it('serves one self-contained page with the document embedded and nothing fetched', async () => {
    const res = await app.request('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);

    const html = await res.text();
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\//);
    const embedded = /<script type="application\/json" id="openapi">(.*?)<\/script>/s.exec(html);
    expect(JSON.parse(embedded![1])).toEqual(await document());
  });

  it('states the configured limits, and no integer bound of 2^53 - 1', async () => {
    const res = await createApp({
      registry: createModelRegistry([fakeTextModel()]),
      limits: { maxK: 50, maxInputs: 8, maxItems: 20 },
    }).request('/openapi.json');
    const text = await res.text();
    const doc = JSON.parse(text) as Doc;
    const body = (path: string) =>
      doc.paths[path].post.requestBody.content['application/json'].schema;

    expect(body('/v1/search').properties.k.maximum).toBe(50);
    expect(body('/v1/collections/{name}/search').properties.k.maximum).toBe(50);
    expect(body('/v1/embeddings').properties.input.anyOf[1].maxItems).toBe(8);
    expect(body('/v1/collections/{name}/items').properties.items.maxItems).toBe(20);
    expect(body('/v1/collections/{name}/items/delete').properties.ids.maxItems).toBe(20);
    expect(text).not.toContain(String(Number.MAX_SAFE_INTEGER));
  });

  it('gives k the default maxK of 1000', async () => {
    const k = (await document()).paths['/v1/search'].post.requestBody.content['application/json']
      .schema.properties.k;
    expect([k.minimum, k.maximum]).toEqual([1, 1000]);
  });
});

describe('GET /openapi.json: error responses', () => {
  const statuses = (doc: Doc, method: string, path: string) =>
    Object.keys(doc.paths[path][method].responses).map(Number);
  const keyed = createApp({
    registry: createModelRegistry([fakeTextModel()]),
    apiKeys: parseApiKeys('read:0123456789abcdef0123'),
  });

  it('lists the errors each kind of route gives, each with the error schema', async () => {
    const doc = await document();
    expect(statuses(doc, 'post', '/v1/embeddings')).toEqual(
      expect.arrayContaining([400, 404, 413, 415, 429, 503, 504]),
    );
    expect(statuses(doc, 'post', '/v1/collections/{name}/items/delete')).toEqual(
      expect.arrayContaining([413, 415, 503]),
    );
    expect(statuses(doc, 'post', '/v1/collections/{name}/items/delete')).not.toContain(504);
    expect(statuses(doc, 'get', '/healthz')).not.toContain(415);
    // No keys configured: no route can answer 401 or 403.
    for (const ops of Object.values(doc.paths)) {
      for (const op of Object.values(ops)) {
        expect(Object.keys(op.responses)).not.toContain('401');
        const responses = op.responses as Record<string, { content: Record<string, unknown> }>;
        for (const [status, response] of Object.entries(responses)) {
          if (Number(status) < 400) continue;
          expect(response.content['application/json']).toEqual({
            schema: { $ref: '#/components/schemas/ErrorBody' },
          });
        }
      }
    }
  });

  it('lists 401 on every keyed route and 403 on write routes once keys are configured', async () => {
    const doc = (await (await keyed.request('/openapi.json')).json()) as Doc;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const codes = Object.keys(op.responses).map(Number);
        const access = op['x-access'] as string | undefined;
        expect([path, method, codes.includes(401)]).toEqual([path, method, access !== undefined]);
        expect([path, method, codes.includes(403)]).toEqual([path, method, access === 'write']);
      }
    }
  });

  it('answers the statuses it lists: 401, 403 and 415 as documented', async () => {
    const doc = (await (await keyed.request('/openapi.json')).json()) as Doc;
    expect(statuses(doc, 'post', '/v1/collections')).toEqual(
      expect.arrayContaining([401, 403, 415]),
    );
    expect((await keyed.request('/v1/collections', { method: 'POST' })).status).toBe(401);
    const read = { authorization: 'Bearer 0123456789abcdef0123' };
    expect((await keyed.request('/v1/collections', { method: 'POST', headers: read })).status).toBe(
      403,
    );
    const text = await app.request('/v1/embeddings', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hi',
    });
    expect(text.status).toBe(415);
  });
});
