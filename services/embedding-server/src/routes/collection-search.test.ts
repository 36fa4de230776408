import { describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createModelRegistry } from '../model-registry.js';
import { collectionApp, img, send } from '../testing/collections.js';
import { fakeImageModel } from '../testing/fake-models.js';
import { expectError } from '../testing/http.js';

const SEARCH = '/v1/collections/shoes/search';

// Angles 0, 10, 20, ... 90 degrees in the first plane; even ones are "boot", sizes 0..9.
async function filled() {
  const setup = await collectionApp();
  const items = Array.from({ length: 10 }, (_, i) => {
    const t = (i * Math.PI) / 18;
    return {
      id: `s${i}`,
      vector: [Math.cos(t), Math.sin(t), 0, 0],
      metadata: { kind: i % 2 ? 'shoe' : 'boot', size: i },
    };
  });
  await send(setup.app, 'POST', '/v1/collections/shoes/items', { items });
  return setup;
}

type Results = { results: Array<{ id: string; score: number; metadata: Record<string, unknown> }> };
const ids = async (res: Response) => ((await res.json()) as Results).results.map((r) => r.id);

describe('POST /v1/collections/{name}/search', () => {
  it('ranks by cosine to an input embedded by the collection’s model', async () => {
    const { app } = await filled();
    const res = await send(app, 'POST', SEARCH, { input: img(1, 0, 0, 0), k: 3 });
    const body = (await res.json()) as Results;
    expect(body.results.map((r) => r.id)).toEqual(['s0', 's1', 's2']);
    expect(body.results[1].score).toBeCloseTo(Math.cos(Math.PI / 18), 5);
    expect(body.results[0].metadata).toEqual({ kind: 'boot', size: 0 });
  });

  it('searches by vector and by item id (leaving the item itself out)', async () => {
    const { app } = await filled();
    expect(await ids(await send(app, 'POST', SEARCH, { vector: [0, 1, 0, 0], k: 2 }))).toEqual([
      's9',
      's8',
    ]);
    expect(await ids(await send(app, 'POST', SEARCH, { id: 's5', k: 2 }))).toEqual(['s4', 's6']);
  });

  it('returns k matches of a filter even when better items fail it', async () => {
    const { app } = await filled();
    const res = await send(app, 'POST', SEARCH, {
      vector: [1, 0, 0, 0],
      k: 3,
      filter: { kind: 'shoe', size: { $gt: 4 } },
    });
    expect(await ids(res)).toEqual(['s5', 's7', 's9']);
    const some = await send(app, 'POST', SEARCH, {
      vector: [1, 0, 0, 0],
      k: 5,
      filter: { size: { $in: [2, 8] } },
    });
    expect(await ids(some)).toEqual(['s2', 's8']);
  });

  it('drops hits below minScore', async () => {
    const { app } = await filled();
    const res = await send(app, 'POST', SEARCH, { vector: [1, 0, 0, 0], k: 10, minScore: 0.9 });
    expect(await ids(res)).toEqual(['s0', 's1', 's2']);
  });

  it('refuses a query from another version of the model with 409', async () => {
    const { store } = await filled();
    const retrained = fakeImageModel();
    retrained.version = 'retrained';
    const next = createApp({ registry: createModelRegistry([retrained]), store });

    const error = await expectError(
      await send(next, 'POST', SEARCH, { input: img(1, 0, 0, 0) }),
      409,
      'MODEL_VERSION_MISMATCH',
    );
    expect(error.message).toMatch(
      /collection shoes holds vectors of fake-image version [0-9a-f]{16}, not version retrained/,
    );
    // The stored vectors themselves still answer a search by id.
    expect(await ids(await send(next, 'POST', SEARCH, { id: 's0', k: 1 }))).toEqual(['s1']);
  });

  it.each([
    ['two query kinds', { input: img(1), id: 's0' }, 400, 'INVALID_FIELD'],
    ['no query', { k: 2 }, 400, 'INVALID_FIELD'],
    ['a bad filter', { id: 's0', filter: { size: { $gt: 'x' } } }, 400, 'INVALID_FILTER'],
    ['k over maxK', { id: 's0', k: 5000 }, 400, 'INVALID_FIELD'],
    ['an unknown item', { id: 'zz' }, 404, 'ITEM_NOT_FOUND'],
    ['a vector of the wrong size', { vector: [1, 0] }, 400, 'INVALID_VECTOR'],
  ])('refuses %s', async (_what, body, status, code) => {
    const { app } = await filled();
    await expectError(await send(app, 'POST', SEARCH, body), status, code);
  });
});
