import { describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createModelRegistry } from '../model-registry.js';
import { fakeImageModel, fakeTextModel } from '../testing/fake-models.js';
import { expectError } from '../testing/http.js';

describe('POST /v1/models/reload', () => {
  it('serves the rescanned set, keeps unchanged models and disposes the dropped ones', async () => {
    const text = fakeTextModel();
    const oldImage = { ...fakeImageModel(), version: 'v1' };
    let disposed = 0;
    oldImage.dispose = () => {
      disposed++;
    };
    const newImage = { ...fakeImageModel(), version: 'v2' };
    const extra = fakeTextModel({ name: 'added' });
    const app = createApp({
      registry: createModelRegistry([text, oldImage]),
      reload: async (previous) => createModelRegistry([previous.get('fake-text'), newImage, extra]),
    });

    const res = await app.request('/v1/models/reload', { method: 'POST' });
    expect(await res.json()).toMatchObject({
      added: ['added'],
      replaced: ['fake-image'],
      removed: [],
    });
    expect(disposed).toBe(1);
    const models = (await (await app.request('/v1/models')).json()) as {
      data: Array<{ name: string; version: string }>;
    };
    expect(models.data.map((m) => m.name)).toEqual(['added', 'fake-image', 'fake-text']);
    expect(models.data[1].version).toBe('v2');
  });

  it('says which directories it skipped and why, in the response and not only in the log', async () => {
    const text = fakeTextModel();
    const skipped = [{ dir: '/models/fake-image', code: 'MODEL_INVALID', message: 'no weights' }];
    const app = createApp({
      registry: createModelRegistry([text, fakeImageModel()]),
      reload: async (previous) => createModelRegistry([previous.get('fake-text')], skipped),
    });

    const res = await app.request('/v1/models/reload', { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ removed: ['fake-image'], skipped });
  });

  it('answers 409 RELOAD_UNAVAILABLE without a reload function', async () => {
    const app = createApp({ registry: createModelRegistry([]) });
    await expectError(
      await app.request('/v1/models/reload', { method: 'POST' }),
      409,
      'RELOAD_UNAVAILABLE',
    );
  });
});
