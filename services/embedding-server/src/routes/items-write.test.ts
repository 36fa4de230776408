import { describe, expect, it } from 'vitest';
import { collectionApp, img, send } from '../testing/collections.js';
import { expectError } from '../testing/http.js';

const ITEMS = '/v1/collections/shoes/items';

describe('collection items', () => {
  it('adds items from raw inputs and from vectors, and gets them back with their version', async () => {
    const { app } = await collectionApp();
    const res = await send(app, 'POST', ITEMS, {
      items: [
        { id: 'a', input: img(3, 4, 0, 0), metadata: { color: 'red' } },
        { id: 'b', vector: [0, 0, 2, 0] },
      ],
    });
    expect(await res.json()).toEqual({ added: 2, updated: 0 });

    const a = (await (await send(app, 'GET', `${ITEMS}/a`)).json()) as Record<string, unknown>;
    expect(a).toMatchObject({
      id: 'a',
      metadata: { color: 'red' },
      modelVersion: expect.any(String),
    });
    expect(a.vector).toEqual([Math.fround(0.6), Math.fround(0.8), 0, 0]);
    expect(
      ((await (await send(app, 'GET', `${ITEMS}/b`)).json()) as { vector: number[] }).vector,
    ).toEqual([0, 0, 1, 0]);
    expect(await (await send(app, 'GET', '/v1/collections/shoes')).json()).toMatchObject({
      count: 2,
    });
  });

  it('refuses to add an id twice, and upserts replace', async () => {
    const { app } = await collectionApp();
    await send(app, 'POST', ITEMS, { items: [{ id: 'a', vector: [1, 0, 0, 0] }] });

    await expectError(
      await send(app, 'POST', ITEMS, { items: [{ id: 'a', vector: [0, 1, 0, 0] }] }),
      409,
      'ITEM_EXISTS',
    );
    const put = await send(app, 'PUT', ITEMS, {
      items: [
        { id: 'a', vector: [0, 1, 0, 0], metadata: { v: 2 } },
        { id: 'c', vector: [0, 0, 1, 0] },
      ],
    });
    expect(await put.json()).toEqual({ added: 1, updated: 1 });
    expect(await (await send(app, 'GET', `${ITEMS}/a`)).json()).toMatchObject({
      metadata: { v: 2 },
      vector: [0, 1, 0, 0],
    });
  });

  it('deletes by id, reporting the ids that were not there', async () => {
    const { app } = await collectionApp();
    await send(app, 'POST', ITEMS, {
      items: [
        { id: 'a', vector: [1, 0, 0, 0] },
        { id: 'b', vector: [0, 1, 0, 0] },
      ],
    });
    const res = await send(app, 'POST', `${ITEMS}/delete`, { ids: ['a', 'zz'] });
    expect(await res.json()).toEqual({ deleted: ['a'], missing: ['zz'] });
    await expectError(await send(app, 'GET', `${ITEMS}/a`), 404, 'ITEM_NOT_FOUND');
  });

  it.each([
    [
      'both input and vector',
      { items: [{ id: 'a', input: img(1), vector: [1, 0, 0, 0] }] },
      400,
      'INVALID_FIELD',
    ],
    ['neither', { items: [{ id: 'a' }] }, 400, 'INVALID_FIELD'],
    ['a vector of the wrong size', { items: [{ id: 'a', vector: [1, 0] }] }, 400, 'INVALID_VECTOR'],
    ['a zero vector', { items: [{ id: 'a', vector: [0, 0, 0, 0] }] }, 400, 'INVALID_VECTOR'],
    [
      'a value past float32 range',
      { items: [{ id: 'a', vector: [1e39, 0, 0, 0] }] },
      400,
      'INVALID_FIELD',
    ],
    [
      'an id twice',
      {
        items: [
          { id: 'a', vector: [1, 0, 0, 0] },
          { id: 'a', vector: [1, 0, 0, 0] },
        ],
      },
      400,
      'INVALID_FIELD',
    ],
    [
      'nested metadata',
      { items: [{ id: 'a', vector: [1, 0, 0, 0], metadata: { x: { y: 1 } } }] },
      400,
      'INVALID_FIELD',
    ],
    ['a bad input', { items: [{ id: 'a', input: 'no$base64' }] }, 400, 'INVALID_BASE64'],
    [
      'vectors of another version',
      { items: [{ id: 'a', vector: [1, 0, 0, 0] }], modelVersion: 'old' },
      409,
      'MODEL_VERSION_MISMATCH',
    ],
  ])('refuses %s, writing nothing', async (_what, body, status, code) => {
    const { app } = await collectionApp();
    await expectError(await send(app, 'POST', ITEMS, body), status, code);
    expect(await (await send(app, 'GET', '/v1/collections/shoes')).json()).toMatchObject({
      count: 0,
    });
  });

  it('refuses more items than limits.maxItems with TOO_MANY_ITEMS', async () => {
    const { app } = await collectionApp({ limits: { maxItems: 2 } });
    const items = [1, 2, 3].map((i) => ({ id: `i${i}`, vector: [1, i, 0, 0] }));
    await expectError(await send(app, 'POST', ITEMS, { items }), 413, 'TOO_MANY_ITEMS');
  });
});
