import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { createModelRegistry } from './model-registry.js';
import { requestIdFrom } from './request-log.js';
import { base64, imageBytes, throwingModel } from './testing/fake-models.js';
import { recordingLogger } from './testing/http.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request ids', () => {
  it('keeps a usable X-Request-Id and makes a UUID for a missing or unusable one', () => {
    expect(requestIdFrom('lb-7f3a/2')).toBe('lb-7f3a/2');
    expect(requestIdFrom(undefined)).toMatch(UUID);
    expect(requestIdFrom('')).toMatch(UUID);
    expect(requestIdFrom('two words')).toMatch(UUID);
    expect(requestIdFrom('forged\n{"level":50}')).toMatch(UUID);
    expect(requestIdFrom('x'.repeat(129))).toMatch(UUID);
    expect(requestIdFrom('x'.repeat(128))).toBe('x'.repeat(128));
  });

  it('echoes the id in the response and puts it on the request and error log lines', async () => {
    const logger = recordingLogger();
    const app = createApp({ registry: createModelRegistry([throwingModel()]), logger });

    const res = await app.request('/v1/embeddings', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'client-42' },
      body: JSON.stringify({ model: 'fake-broken', input: base64(imageBytes(1)) }),
    });
    expect(res.status).toBe(500);
    expect(res.headers.get('x-request-id')).toBe('client-42');
    const error = logger.lines.find((l) => l.level === 'error');
    expect(error?.fields).toMatchObject({ requestId: 'client-42', path: '/v1/embeddings' });
    const info = logger.lines.find((l) => l.level === 'info');
    expect(info?.fields).toMatchObject({ requestId: 'client-42', status: 500 });

    const fresh = await app.request('/healthz');
    expect(fresh.headers.get('x-request-id')).toMatch(UUID);
    const lost = await app.request('/nowhere');
    expect(lost.headers.get('x-request-id')).toMatch(UUID);
    expect(lost.headers.get('x-request-id')).not.toBe(fresh.headers.get('x-request-id'));
  });
});
