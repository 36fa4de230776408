import { describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
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
