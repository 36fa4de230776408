import { connect, createServer, type Socket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createModelRegistry } from '../model-registry.js';
import { send } from '../testing/collections.js';
import { fakeImageModel } from '../testing/fake-models.js';
import { expectError, recordingLogger } from '../testing/http.js';
import { startTestPostgres, type TestPostgres } from '../testing/pglite-server.js';
import { rank, storeContract, uniqueName } from '../testing/store-contract.js';
import type { CollectionStore, NewItem } from './collection-store.js';
import { compileFilter } from './metadata-filter.js';
import { openStore } from './open-store.js';
import { planSearch, type SearchStatement } from './postgres-search.js';
import { openPostgresStore, type PostgresStoreOptions, redact } from './postgres-store.js';

let server: TestPostgres;
const opened: CollectionStore[] = [];
beforeAll(async () => {
  server = await startTestPostgres();
});
afterAll(async () => {
  for (const store of opened) await store.close().catch(() => undefined);
  await server?.stop();
});

async function open(options: Partial<PostgresStoreOptions> = {}): Promise<CollectionStore> {
  const store = await openPostgresStore({ url: server.url, maxConnections: 4, ...options });
  opened.push(store);
  return store;
}

async function sql<R extends pg.QueryResultRow>(text: string, params?: unknown[]): Promise<R[]> {
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  try {
    return (await client.query<R>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** `n` seeded pseudo-random vectors of `dim`, each with a `group` of `i % groups`. */
function randomItems(n: number, dim: number, groups: number): NewItem[] {
  let seed = 12345;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31 - 0.5;
  };
  return Array.from({ length: n }, (_, i) => ({
    id: `r${i}`,
    vector: Float32Array.from({ length: dim }, next),
    metadata: { group: i % groups },
  }));
}

describe('the store contract: PostgreSQL store (PGlite + pgvector over the wire)', () => {
  storeContract(() => open({ schema: 'contract' }));
});

describe('openPostgresStore', () => {
  it('gives a large collection an HNSW index and still returns k filtered hits', async () => {
    // exactBelow 0: every search goes through the index.
    const store = await open({ schema: 'indexed', exactBelow: 0 });
    const name = uniqueName();
    await store.create({ name, model: 'm', modelVersion: 'v1', dim: 8 });
    const items = randomItems(300, 8, 25);
    await store.write(name, items, 'add');

    // What the store runs above exactBelow goes through the index; its fallback does not. (With
    // a selective filter the planner may pick the GIN index instead, which is exact.)
    const [{ id }] = await sql<{ id: string }>(
      'SELECT id FROM indexed.collections WHERE name = $1',
      [name],
    );
    const plan = planSearch({
      table: `indexed."items_${id}"`,
      vector: `[${Array.from(items[0].vector).join(',')}]`,
      k: 10,
      useIndex: true,
      efSearch: 40,
      iterativeScan: true,
    });
    expect(await explain(plan.indexed!, plan.params)).toMatch(/Index Scan using \S*embedding_idx/);
    expect(await explain(plan.exact, plan.params)).not.toMatch(/embedding_idx/);

    const query = items[7].vector;
    const exact = rank(items, query)
      .slice(0, 10)
      .map((e) => e.id);
    const hits = (await store.search(name, query, { k: 10 })).map((h) => h.id);
    expect(hits.filter((id) => exact.includes(id)).length).toBeGreaterThanOrEqual(9);

    // 12 items are in group 3; asked for 10 and for 20, it must find 10 and all 12.
    const keep = compileFilter({ group: 3 });
    const inGroup = items.filter((x) => keep(x.metadata));
    const ten = await store.search(name, query, { k: 10, filter: keep });
    expect(ten).toHaveLength(10);
    expect(ten.every((h) => h.metadata.group === 3)).toBe(true);
    const all = await store.search(name, query, { k: 20, filter: keep });
    expect(all.map((h) => h.id)).toEqual(rank(inGroup, query).map((e) => e.id));
  });

  it('refuses NUL characters, which PostgreSQL cannot store, with INVALID_FIELD', async () => {
    const store = await open({ schema: 'contract' });
    const name = uniqueName();
    await store.create({ name, model: 'm', modelVersion: 'v1', dim: 2 });
    const vector = Float32Array.of(1, 0);
    const items: NewItem[] = [
      { id: 'a', vector, metadata: { note: 'x\u0000y' } },
      { id: 'b\u0000', vector, metadata: {} },
    ];
    for (const item of items) {
      await expect(store.write(name, [item], 'add')).rejects.toMatchObject({
        code: 'INVALID_FIELD',
      });
    }
    expect((await store.info(name)).count).toBe(0);
  });

  it('creates no vector index with index: none', async () => {
    const store = await open({ schema: 'exact', index: 'none' });
    await store.create({ name: uniqueName(), model: 'm', modelVersion: 'v1', dim: 4 });
    const indexes = await sql<{ indexdef: string }>(
      "SELECT indexdef FROM pg_indexes WHERE schemaname = 'exact'",
    );
    expect(indexes.some((i) => i.indexdef.includes('gin'))).toBe(true);
    expect(indexes.some((i) => i.indexdef.includes('hnsw'))).toBe(false);
  });

  it('lets several replicas create the schema at once', async () => {
    const stores = await Promise.all([1, 2, 3].map(() => open({ schema: 'race' })));
    await stores[0].create({ name: 'one', model: 'm', modelVersion: 'v1', dim: 2 });
    expect((await stores[2].list()).map((c) => c.name)).toEqual(['one']);
  });

  it('refuses a bad schema name or option and an unreachable server, hiding the password', async () => {
    await expect(open({ schema: 'Bad-Name' })).rejects.toMatchObject({
      code: 'INVALID_STORE_URL',
    });
    for (const bad of [{ exactBelow: -1 }, { maxConnections: 0 }, { efSearch: 1.5 }]) {
      await expect(open(bad)).rejects.toMatchObject({ code: 'INVALID_STORE_OPTION' });
    }
    const port = await freePort();
    const error = await openPostgresStore({ url: `postgres://app:s3cret@127.0.0.1:${port}/x` })
      .then(() => undefined)
      .catch((e: Error & { code: string }) => e);
    expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(error!.message).toContain(`postgres://app:***@127.0.0.1:${port}/x`);
    expect(error!.message).not.toContain('s3cret');
  });

  it('redacts only the password of a URL', () => {
    expect(redact('postgres://app:pw@db:5432/x?sslmode=require')).toBe(
      'postgres://app:***@db:5432/x?sslmode=require',
    );
    expect(redact('postgres://db/x')).toBe('postgres://db/x');
  });
});

describe('a database that goes away', () => {
  it('answers STORE_UNAVAILABLE (503) with no address in it, and logs the cause', async () => {
    const proxy = await tcpProxy(Number(new URL(server.url).port));
    const logger = recordingLogger();
    const store = await open({ url: server.url.replace(/:\d+\//, `:${proxy.port}/`), logger });
    const app = createApp({ registry: createModelRegistry([fakeImageModel()]), store });
    await store.create({ name: uniqueName(), model: 'm', modelVersion: 'v1', dim: 2 });
    expect((await send(app, 'GET', '/v1/collections')).status).toBe(200);

    await proxy.close();
    await expect(store.list()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    const error = await expectError(
      await send(app, 'GET', '/v1/collections'),
      503,
      'STORE_UNAVAILABLE',
    );
    expect(error.message).not.toContain(String(proxy.port));
    const logged = logger.lines.find((l) => l.msg === 'postgres store unreachable');
    expect(logged?.fields?.error).toMatch(/ECONNREFUSED|terminated/);
  });
});

describe('a single-session server (PGlite over the wire) with max_connections=1', () => {
  it('answers concurrent reads and writes of one collection correctly', async () => {
    // pglite-socket runs every client's queries in one PGlite session; several pool connections
    // interleave there and have been seen to hang, so the README asks for one connection.
    const store = await openStore(`${server.url}?max_connections=1`);
    opened.push(store);
    await store.create({ name: 'busy', model: 'm', modelVersion: 'v', dim: 4 });

    const outcomes: string[] = [];
    for (let round = 0; round < 3; round++) {
      const calls = Array.from({ length: 30 }, (_, i) => {
        const vector = Float32Array.from([1, i, round, 0]);
        if (i % 3 === 1) return store.info('busy');
        if (i % 3 === 2) return store.search('busy', vector, { k: 3 });
        return store.write('busy', [{ id: `same${round}`, vector, metadata: {} }], 'add');
      });
      const settled = await Promise.allSettled(calls);
      for (const s of settled) {
        outcomes.push(s.status === 'fulfilled' ? 'ok' : (s.reason as { code: string }).code);
      }
    }

    // Per round: 10 infos and 10 searches answer; of 10 adds of one id, one lands.
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(3 * 21);
    expect(outcomes.filter((o) => o === 'ITEM_EXISTS')).toHaveLength(3 * 9);
    expect((await store.info('busy')).count).toBe(3);
  }, 60_000);
});

describe('two server replicas on one database', () => {
  it('see each other’s writes at once and agree on conflicts', async () => {
    const model = fakeImageModel();
    const replica = async () =>
      createApp({
        registry: createModelRegistry([model]),
        store: await open({ schema: 'shared' }),
      });
    const [a, b] = [await replica(), await replica()];
    const items = (...ids: string[]) =>
      ids.map((id, i) => ({ id, vector: [1, i, 0, 0], metadata: { by: 'a' } }));

    expect(
      (await send(a, 'POST', '/v1/collections', { name: 'shoes', model: model.name })).status,
    ).toBe(201);
    expect(
      (await send(b, 'POST', '/v1/collections', { name: 'shoes', model: model.name })).status,
    ).toBe(409);
    expect(
      (await send(a, 'POST', '/v1/collections/shoes/items', { items: items('x', 'y') })).status,
    ).toBe(200);

    const search = await send(b, 'POST', '/v1/collections/shoes/search', { vector: [1, 0, 0, 0] });
    const found = (await search.json()) as { results: Array<{ id: string }> };
    expect(found.results.map((r) => r.id)).toEqual(['x', 'y']);

    // The same new id through both replicas at once: one is added, the other refused.
    const racing = await Promise.all(
      [a, b].map((app) => send(app, 'POST', '/v1/collections/shoes/items', { items: items('z') })),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([200, 409]);

    await send(b, 'PUT', '/v1/collections/shoes/items', {
      items: [{ id: 'x', vector: [0, 1, 0, 0], metadata: { by: 'b' } }],
    });
    const x = await send(a, 'GET', '/v1/collections/shoes/items/x');
    expect(await x.json()).toMatchObject({ metadata: { by: 'b' }, vector: [0, 1, 0, 0] });
    const described = (await (await send(a, 'GET', '/v1/collections/shoes')).json()) as {
      count: number;
    };
    expect(described.count).toBe(3);

    await send(a, 'DELETE', '/v1/collections/shoes');
    expect((await send(b, 'GET', '/v1/collections/shoes/items/x')).status).toBe(404);
  });
});

/** The plan PostgreSQL picks for a statement under its settings. */
async function explain(statement: SearchStatement, params: unknown[]): Promise<string> {
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(statement.settings);
    const rows = await client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN ${statement.select}`,
      params,
    );
    await client.query('ROLLBACK');
    return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
  } finally {
    await client.end();
  }
}

/** Forwards a loopback port to `target` until closed; closing cuts every open connection. */
async function tcpProxy(target: number): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const proxy = createServer((client) => {
    const upstream = connect(target, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => s.destroy());
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    port: (proxy.address() as { port: number }).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        proxy.close(() => resolve());
      }),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
