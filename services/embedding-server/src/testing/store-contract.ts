/**
 * The behaviour every `CollectionStore` must share, as one suite each store's test file runs
 * against its own store: the local one (in memory and on disk) and the PostgreSQL one. The
 * stores may share one backing database across tests, so each test names its own collections.
 */
import { expect, it } from 'vitest';
import type { CollectionStore, NewItem } from '../store/collection-store.js';
import { compileFilter, type Metadata } from '../store/metadata-filter.js';
import { cosine } from '../vector-math.js';

let counter = 0;
/** A collection name no other test of this process uses. */
export const uniqueName = (prefix = 'c') => `${prefix}-${process.pid}-${++counter}`;

const v = (...x: number[]) => Float32Array.from(x);

/** 40 items in 3-d at spread-out angles, each with metadata for every filter operator. */
export function contractItems(): NewItem[] {
  return Array.from({ length: 40 }, (_, i) => {
    const t = (i * Math.PI) / 45;
    const metadata: Metadata = {
      kind: ['boot', 'shoe', 'sandal'][i % 3],
      size: 30 + i,
      tags: i % 4 === 0 ? ['new', 'sale'] : ['old'],
      ...(i % 5 === 0 ? {} : { flag: i % 2 === 0 }),
      ...(i % 7 === 0 ? { note: null } : {}),
      ...(i % 6 === 0 ? { size: String(30 + i) } : {}),
    };
    return { id: `i${i}`, vector: v(Math.cos(t), Math.sin(t), 0.1 * (i % 3)), metadata };
  });
}

/** Filters over {@link contractItems}, one or more per operator and edge case. */
export const CONTRACT_FILTERS: Array<Record<string, unknown>> = [
  { kind: 'boot' },
  { tags: 'sale' },
  { note: null },
  { flag: false },
  { flag: { $ne: true } },
  { kind: { $in: ['shoe', 'sandal'] } },
  { kind: { $in: [] } },
  { size: { $gt: 50 } },
  { size: { $gte: 40, $lt: 45 } },
  { size: { $lte: 33 } },
  { kind: 'shoe', tags: { $ne: 'old' } },
  { size: { $eq: 31 } },
  { missing: { $in: [null, 1] } },
  { toString: null },
];

/**
 * Registers the contract's tests in the current `describe`.
 *
 * @param open a store to test; called once per test (a fresh store on the same data is fine)
 */
export function storeContract(open: () => Promise<CollectionStore>): void {
  const spec = (name: string, dim = 3) => ({ name, model: 'm', modelVersion: 'v1', dim });

  it('creates, lists, describes and drops collections', async () => {
    const store = await open();
    const [a, b] = [uniqueName('b'), uniqueName('a')];
    const created = await store.create(spec(a));
    expect(created).toMatchObject({ name: a, model: 'm', modelVersion: 'v1', dim: 3, count: 0 });
    expect(Date.parse(created.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    await store.create(spec(b, 5));
    await expect(store.create(spec(a))).rejects.toMatchObject({ code: 'COLLECTION_EXISTS' });

    const names = (await store.list()).map((c) => c.name);
    expect(names.indexOf(b)).toBeLessThan(names.indexOf(a));
    expect(await store.info(a)).toEqual(created);
    await store.drop(a);
    await expect(store.info(a)).rejects.toMatchObject({
      code: 'COLLECTION_NOT_FOUND',
      message: expect.stringContaining(b),
    });
    await expect(store.drop(a)).rejects.toMatchObject({ code: 'COLLECTION_NOT_FOUND' });
    await expect(store.write(a, [], 'add')).rejects.toMatchObject({ code: 'COLLECTION_NOT_FOUND' });
    await store.drop(b);
    await store.close();
  });

  it('adds, upserts and refuses bad batches as a whole', async () => {
    const store = await open();
    const name = uniqueName();
    await store.create(spec(name));
    const item = (id: string, ...x: number[]) => ({ id, vector: v(...x), metadata: { id } });

    expect(await store.write(name, [item('a', 1, 0, 0)], 'add')).toEqual({ added: 1, updated: 0 });
    await expect(
      store.write(name, [item('b', 1, 1, 0), item('a', 1, 0, 0)], 'add'),
    ).rejects.toMatchObject({ code: 'ITEM_EXISTS', message: expect.stringContaining('item a') });
    await expect(
      store.write(name, [item('c', 1, 0, 0), item('c', 0, 1, 0)], 'upsert'),
    ).rejects.toMatchObject({ code: 'INVALID_FIELD' });
    await expect(
      store.write(name, [item('d', 1, 0, 0), item('e', 1, 0)], 'upsert'),
    ).rejects.toMatchObject({ code: 'INVALID_VECTOR', message: expect.stringContaining('e:') });
    await expect(store.write(name, [item('f', 0, 0, 0)], 'add')).rejects.toMatchObject({
      code: 'INVALID_VECTOR',
    });
    await expect(store.write(name, [item('g', Number.NaN, 0, 0)], 'add')).rejects.toMatchObject({
      code: 'INVALID_VECTOR',
    });
    // A metadata key no filter can name ("" or "$..."), in either mode.
    for (const [key, mode] of [
      ['', 'add'],
      ['$or', 'upsert'],
      ['$', 'add'],
    ] as const) {
      const bad = { id: 'h', vector: v(1, 0, 0), metadata: { ok: 1, [key]: 2 } };
      await expect(store.write(name, [item('h2', 0, 1, 0), bad], mode)).rejects.toMatchObject({
        code: 'INVALID_FIELD',
        message: expect.stringContaining(`item h: metadata key ${JSON.stringify(key)} cannot`),
      });
    }
    // None of the refused batches left anything behind.
    for (const id of ['b', 'c', 'd', 'f', 'g', 'h', 'h2']) {
      expect(await store.get(name, id)).toBeUndefined();
    }
    expect((await store.info(name)).count).toBe(1);

    const both = [item('a', 0, 3, 4), item('b', 0, 0, 2)];
    expect(await store.write(name, both, 'upsert')).toEqual({ added: 1, updated: 1 });
    expect(await store.get(name, 'a')).toEqual({
      id: 'a',
      vector: v(0, 0.6, 0.8),
      metadata: { id: 'a' },
      modelVersion: 'v1',
    });
    expect((await store.info(name)).count).toBe(2);
    await store.close();
  });

  it('removes, reporting what was missing, in the order asked', async () => {
    const store = await open();
    const name = uniqueName();
    await store.create(spec(name));
    await store.write(name, contractItems().slice(0, 5), 'add');

    expect(await store.remove(name, ['i3', 'nope', 'i1', 'i3'])).toEqual({
      deleted: ['i3', 'i1'],
      missing: ['nope'],
    });
    expect(await store.remove(name, ['i3'])).toEqual({ deleted: [], missing: ['i3'] });
    expect((await store.info(name)).count).toBe(3);
    expect(await store.get(name, 'i1')).toBeUndefined();
    expect((await store.get(name, 'i2'))?.metadata).toEqual(contractItems()[2].metadata);
    await store.close();
  });

  it('ranks by cosine, keeps k, and honours minScore', async () => {
    const store = await open();
    const name = uniqueName();
    await store.create(spec(name));
    const items = contractItems();
    await store.write(name, items, 'add');
    const query = v(1, 0.2, 0.05);

    const expected = rank(items, query);
    const hits = await store.search(name, query, { k: 7 });
    expect(hits.map((h) => h.id)).toEqual(expected.slice(0, 7).map((e) => e.id));
    for (const [i, hit] of hits.entries()) expect(hit.score).toBeCloseTo(expected[i].score, 5);
    expect(hits[0].metadata).toEqual(items.find((x) => x.id === hits[0].id)!.metadata);

    expect(await store.search(name, query, { k: 100 })).toHaveLength(40);
    const above = await store.search(name, query, { k: 40, minScore: 0.8 });
    expect(above.map((h) => h.id)).toEqual(expected.filter((e) => e.score >= 0.8).map((e) => e.id));
    await expect(store.search(name, v(1, 0), { k: 1 })).rejects.toMatchObject({
      code: 'INVALID_VECTOR',
    });
    await store.close();
  });

  it('filters exactly as compileFilter does, with k hits whenever k items match', async () => {
    const store = await open();
    const name = uniqueName();
    await store.create(spec(name));
    const items = contractItems();
    await store.write(name, items, 'add');
    const query = v(0, 1, 0);

    for (const filter of CONTRACT_FILTERS) {
      const keep = compileFilter(filter);
      const expected = rank(
        items.filter((x) => keep(x.metadata)),
        query,
      ).map((e) => e.id);
      const hits = await store.search(name, query, { k: 5, filter: keep });
      expect({ filter, ids: hits.map((h) => h.id) }).toEqual({ filter, ids: expected.slice(0, 5) });
    }
    await store.close();
  });

  it('searches an empty collection, and a re-created one starts empty', async () => {
    const store = await open();
    const name = uniqueName();
    await store.create(spec(name));
    expect(await store.search(name, v(1, 0, 0), { k: 3 })).toEqual([]);
    await store.write(name, contractItems().slice(0, 3), 'add');
    await store.drop(name);
    await store.create(spec(name));
    expect(await store.search(name, v(1, 0, 0), { k: 3 })).toEqual([]);
    expect((await store.info(name)).count).toBe(0);
    await store.close();
  });

  it('lets exactly one of two concurrent adds of one id through', async () => {
    const store = await open();
    const name = uniqueName();
    await store.create(spec(name));
    const one = { id: 'x', vector: v(1, 0, 0), metadata: {} };
    const results = await Promise.allSettled([
      store.write(name, [one], 'add'),
      store.write(name, [one], 'add'),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await store.info(name)).count).toBe(1);
    await store.close();
  });
}

/** Exact cosine ranking, best first: the oracle the contract compares stores with. */
export function rank(items: NewItem[], query: Float32Array): Array<{ id: string; score: number }> {
  return items
    .map((x) => ({ id: x.id, score: cosine(x.vector, query) }))
    .sort((a, b) => b.score - a.score);
}
