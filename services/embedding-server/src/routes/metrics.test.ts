import { describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { parseApiKeys } from '../auth.js';
import { createModelRegistry } from '../model-registry.js';
import { base64, fakeImageModel, imageBytes } from '../testing/fake-models.js';
import { postJson } from '../testing/http.js';

/** One sample line: a name, optional labels, and a value. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

// The text exposition format 0.0.4: `name{label="value",...} number`, label values escaped with
// backslashes (https://prometheus.io/docs/instrumenting/exposition_formats/).
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?[0-9.e+-]+|\+Inf|-Inf|NaN)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/g;

/** Parses an exposition, failing the test on any line that is not a comment or a sample. */
function parseExposition(text: string) {
  const types = new Map<string, string>();
  const helps = new Set<string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const comment = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$/.exec(line);
    if (comment) {
      if (comment[1] === 'TYPE') types.set(comment[2], comment[3]);
      else helps.add(comment[2]);
      continue;
    }
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`not a sample line: ${JSON.stringify(line)}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (m[2] ?? '').matchAll(LABEL)) labels[key] = value;
    samples.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return { types, helps, samples };
}

const familyOf = (name: string) => name.replace(/_(bucket|sum|count)$/, '');

describe('GET /metrics', () => {
  it('exposes requests, queue and inference times, batch sizes and queue length', async () => {
    const app = createApp({ registry: createModelRegistry([fakeImageModel()]) });
    const input = [1, 2, 3].map((i) => base64(imageBytes(i, 1, 0, 0)));
    await postJson(app, '/v1/embeddings', { model: 'fake-image', input });
    await postJson(app, '/v1/embeddings', { model: 'nope', input: 'a' });
    await app.request('/v1/collections/shoes');
    await app.request('/no/such/route');

    const res = await app.request('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const { types, helps, samples } = parseExposition(await res.text());

    expect(Object.fromEntries(types)).toEqual({
      manyviews_http_requests_total: 'counter',
      manyviews_http_request_duration_seconds: 'histogram',
      manyviews_batch_queue_seconds: 'histogram',
      manyviews_batch_inference_seconds: 'histogram',
      manyviews_batch_size: 'histogram',
      manyviews_batch_queue_length: 'gauge',
    });
    for (const s of samples) {
      expect(types.has(familyOf(s.name))).toBe(true);
      expect(helps.has(familyOf(s.name))).toBe(true);
    }

    // Routes by pattern, so ids in paths do not make new series; an unknown path is `unmatched`.
    const requests = samples.filter((s) => s.name === 'manyviews_http_requests_total');
    expect(requests.map((s) => ({ ...s.labels, value: s.value }))).toEqual(
      expect.arrayContaining([
        { method: 'POST', route: '/v1/embeddings', status: '200', value: 1 },
        { method: 'POST', route: '/v1/embeddings', status: '404', value: 1 },
        { method: 'GET', route: '/v1/collections/:name', status: '404', value: 1 },
        { method: 'GET', route: 'unmatched', status: '404', value: 1 },
      ]),
    );

    // One pass of three inputs: buckets are cumulative and end at +Inf with the count.
    const size = samples.filter((s) => familyOf(s.name) === 'manyviews_batch_size');
    const buckets = size.filter((s) => s.name.endsWith('_bucket'));
    expect(buckets.map((b) => [b.labels.le, b.value])).toEqual([
      ['1', 0],
      ['2', 0],
      ['4', 1],
      ['8', 1],
      ['16', 1],
      ['32', 1],
      ['64', 1],
      ['128', 1],
      ['256', 1],
      ['512', 1],
      ['+Inf', 1],
    ]);
    expect(size.find((s) => s.name === 'manyviews_batch_size_sum')?.value).toBe(3);
    expect(buckets.every((b) => b.labels.model === 'fake-image')).toBe(true);

    const count = (name: string) => samples.find((s) => s.name === name)?.value;
    expect(count('manyviews_batch_queue_seconds_count')).toBe(1);
    expect(count('manyviews_batch_inference_seconds_count')).toBe(1);
    expect(count('manyviews_batch_queue_length')).toBe(0);
  });

  it('labels every route of the route table with its own pattern, whatever the status', async () => {
    const app = createApp({ registry: createModelRegistry([fakeImageModel()]) });
    const spec = (await (await app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(spec.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => ({
        method: method.toUpperCase(),
        pattern: path.replace(/\{(\w+)\}/g, ':$1'),
      })),
    );
    expect(routes).toContainEqual({
      method: 'POST',
      pattern: '/v1/collections/:name/items/delete',
    });

    for (const { method, pattern } of routes) {
      const path = pattern.replace(/:(\w+)/g, (_, param) => `some-${param}`);
      await app.request(path, { method });
    }

    const { samples } = parseExposition(await (await app.request('/metrics')).text());
    const labelled = samples
      .filter((s) => s.name === 'manyviews_http_requests_total')
      .map((s) => ({ method: s.labels.method, pattern: s.labels.route }));
    const key = (r: { method: string; pattern: string }) => `${r.method} ${r.pattern}`;
    expect(labelled.map(key).sort()).toEqual(routes.map(key).sort());
  });

  it('labels a 405 with the pattern of the path it was sent to', async () => {
    const app = createApp({ registry: createModelRegistry([]) });
    expect((await app.request('/v1/collections/c/items/delete', { method: 'PUT' })).status).toBe(
      405,
    );

    const { samples } = parseExposition(await (await app.request('/metrics')).text());
    const requests = samples.filter((s) => s.name === 'manyviews_http_requests_total');
    expect(requests.map((s) => s.labels)).toContainEqual({
      method: 'PUT',
      route: '/v1/collections/:name/items/delete',
      status: '405',
    });
  });

  it('needs no key when keys are configured, like /healthz', async () => {
    const app = createApp({
      registry: createModelRegistry([]),
      apiKeys: parseApiKeys('read:0123456789abcdef0123'),
    });
    expect((await app.request('/metrics')).status).toBe(200);
    expect((await app.request('/v1/models')).status).toBe(401);
  });
});
