import { describe, expect, it } from 'vitest';
import { collectionApp, send } from '../testing/collections.js';
import { expectError } from '../testing/http.js';

describe('collections', () => {
  it('creates a collection bound to a model and its version, lists, gets and deletes it', async () => {
    const { app } = await collectionApp();
    const created = await send(app, 'POST', '/v1/collections', {
      name: 'texts',
      model: 'fake-text',
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      name: 'texts',
      model: 'fake-text',
      modelVersion: expect.stringMatching(/^[0-9a-f]{16}$/),
      dim: 4,
      count: 0,
    });

    const list = (await (await send(app, 'GET', '/v1/collections')).json()) as {
      data: Array<{ name: string }>;
    };
    expect(list.data.map((c) => c.name)).toEqual(['shoes', 'texts']);
    expect(await (await send(app, 'GET', '/v1/collections/texts')).json()).toMatchObject({
      count: 0,
    });

    expect(await (await send(app, 'DELETE', '/v1/collections/texts')).json()).toEqual({
      name: 'texts',
      deleted: true,
    });
    await expectError(await send(app, 'GET', '/v1/collections/texts'), 404, 'COLLECTION_NOT_FOUND');
  });

  it.each([
    ['a taken name', { name: 'shoes', model: 'fake-image' }, 409, 'COLLECTION_EXISTS'],
    ['an unknown model', { name: 'x', model: 'nope' }, 404, 'MODEL_NOT_FOUND'],
    ['a bad name', { name: '../etc', model: 'fake-image' }, 400, 'INVALID_FIELD'],
    ['a missing model', { name: 'x' }, 400, 'MISSING_FIELD'],
    ['an unknown field', { name: 'x', model: 'fake-image', metric: 'l2' }, 400, 'UNKNOWN_FIELD'],
  ])('refuses %s', async (_what, body, status, code) => {
    const { app } = await collectionApp();
    await expectError(await send(app, 'POST', '/v1/collections', body), status, code);
  });

  it('answers 405 with every method a collection path takes', async () => {
    const { app } = await collectionApp();
    const res = await send(app, 'PATCH', '/v1/collections/shoes');
    expect(res.headers.get('allow')).toBe('GET, DELETE');
    await expectError(res, 405, 'METHOD_NOT_ALLOWED');
  });
});
