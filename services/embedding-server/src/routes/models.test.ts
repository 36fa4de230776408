import { describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createModelRegistry } from '../model-registry.js';
import { fakeImageModel, fakeTextModel } from '../testing/fake-models.js';

const registry = createModelRegistry([
  fakeTextModel(),
  fakeImageModel({
    index: [
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 1, 0],
    ],
  }),
]);
const app = createApp({ registry });

describe('GET /healthz', () => {
  it('reports ok and the number of models', async () => {
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', models: 2 });
  });
});

describe('GET /v1/models', () => {
  it('lists each model from its manifest, sorted by name, with its index size', async () => {
    const res = await app.request('/v1/models');
    const { data } = (await res.json()) as { data: Array<Record<string, unknown>> };

    expect(data.map((m) => m.name)).toEqual(['fake-image', 'fake-text']);
    expect(data[0]).toEqual({
      name: 'fake-image',
      domain: 'image',
      embeddingDim: 4,
      inputShape: [28, 28, 1],
      objective: { name: 'rbm-nce', tau: 0.2 },
      evaluation: { knnTop1: 0.5 },
      createdAt: '2026-01-01T00:00:00Z',
      hasIndex: true,
      indexSize: 3,
      version: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    expect(data[1]).toMatchObject({
      domain: 'text',
      inputShape: null,
      evaluation: null,
      objective: 'nt-xent',
      hasIndex: false,
      indexSize: 0,
    });
  });
});
