import { type Logger, ManyViewsError, silentLogger } from '@manyviews/augment-core';
import pg from 'pg';
import { normalize } from '../vector-math.js';
import type {
  CollectionInfo,
  CollectionQuery,
  CollectionStore,
  ItemHit,
  NewItem,
  StoredItem,
} from './collection-store.js';
import type { Metadata } from './metadata-filter.js';
import {
  ensureSchema,
  HNSW_MAX_DIM,
  schemaIdent,
  type VectorCapabilities,
} from './postgres-schema.js';
import { planSearch } from './postgres-search.js';
import { checkVector, checkWrite, collectionExists, collectionNotFound } from './store-checks.js';

/** Options of {@link openPostgresStore}. */
export interface PostgresStoreOptions {
  /** `postgres://user:password@host:5432/database` (libpq URL form, as `pg` reads it). */
  url: string;
  /** Schema of the store's tables, created if absent (default `manyviews`). */
  schema?: string;
  /**
   * `hnsw` (default): each new collection gets an HNSW index (cosine) when the server's
   * pgvector has them (0.5.0 and later) and the dimension is at most 2000; `none`: exact search
   * only. Decided once per collection and stored with it, so every replica searches it alike.
   */
  index?: 'hnsw' | 'none';
  /** Collections with fewer items than this are searched exactly, index or not (default 10000). */
  exactBelow?: number;
  /** `hnsw.ef_search` of an index search, raised to `k` when smaller (default 100, at most 1000). */
  efSearch?: number;
  /** Connections the pool may open (default 10). */
  maxConnections?: number;
  /** One `info` line at open; `error` for a connection that fails while idle. */
  logger?: Logger;
}

interface CollectionRow {
  id: string;
  name: string;
  model: string;
  model_version: string;
  dim: number;
  item_count: string;
  index_kind: 'hnsw' | 'none';
  created_at: Date;
}

/**
 * Opens the collection store on PostgreSQL with pgvector, for several stateless server replicas
 * in front of one database: every call reads and writes the database and nothing is cached in
 * the process, so what one replica writes the next request to any replica sees.
 *
 * The schema is created on first use (see `ensureSchema`): a `collections` table, and per
 * collection a table `items_<id>` of `id`, `embedding vector(dim)` (unit length), `metadata
 * jsonb` (with a GIN index) and `model_version`. Writes are one transaction each, holding the
 * collection's row lock, so an `add` racing another replica's `add` of the same id is refused
 * with `ITEM_EXISTS`, never doubled. A write resolves after `COMMIT`, i.e. once the server has
 * made it durable.
 *
 * Search is exact below `exactBelow` items or without an index; above, it walks the HNSW index
 * (approximate). A filtered index search uses pgvector's iterative scan (0.8.0 and later), and
 * whenever the index yields fewer than `k` rows the same query runs again exactly, so a filtered
 * search returns `k` results whenever `k` items match, as the local store does.
 *
 * @throws {ManyViewsError} `STORE_UNAVAILABLE` when the database cannot be reached,
 *   `STORE_UNSUPPORTED` when pgvector is missing and cannot be created, `INVALID_STORE_URL`
 *
 * @example
 * const store = await openPostgresStore({ url: process.env.DATABASE_URL!, logger });
 * const app = createApp({ registry, store, logger });
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<CollectionStore> {
  const logger = options.logger ?? silentLogger;
  const schema = options.schema ?? 'manyviews';
  schemaIdent(schema);
  for (const [key, value] of Object.entries({
    exactBelow: options.exactBelow,
    efSearch: options.efSearch,
    maxConnections: options.maxConnections,
  })) {
    const least = key === 'maxConnections' ? 1 : 0;
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= least)) {
      throw new ManyViewsError('INVALID_STORE_OPTION', `${key} is not a valid count`, {
        expected: `an integer >= ${least}`,
        received: value,
      });
    }
  }

  const pool = new pg.Pool({ connectionString: options.url, max: options.maxConnections ?? 10 });
  // An idle client whose connection drops emits on the pool; unheard, it would end the process.
  pool.on('error', (e) => logger.error('postgres connection failed', { error: e.message }));

  let capabilities: VectorCapabilities;
  try {
    const client = await pool.connect().catch((e) => {
      throw unavailable(e, options.url);
    });
    try {
      capabilities = await ensureSchema(client, schema, logger);
    } finally {
      client.release();
    }
  } catch (e) {
    await pool.end();
    throw e;
  }

  logger.info('postgres collection store opened', { url: redact(options.url), schema });
  return new PostgresStore(pool, schemaIdent(schema), capabilities, {
    index: options.index ?? 'hnsw',
    exactBelow: options.exactBelow ?? 10_000,
    efSearch: options.efSearch ?? 100,
    logger,
  });
}

class PostgresStore implements CollectionStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string,
    private readonly capabilities: VectorCapabilities,
    private readonly settings: {
      index: 'hnsw' | 'none';
      exactBelow: number;
      efSearch: number;
      logger: Logger;
    },
  ) {}

  async list(): Promise<CollectionInfo[]> {
    const rows = await this.query<CollectionRow>(
      `SELECT * FROM ${this.schema}.collections ORDER BY name COLLATE "C"`,
    );
    return rows.map(infoOf);
  }

  async info(name: string): Promise<CollectionInfo> {
    return this.session((client) => this.lookup(client, name).then(infoOf), false);
  }

  async create(spec: Omit<CollectionInfo, 'count' | 'createdAt'>): Promise<CollectionInfo> {
    const indexKind = this.indexFor(spec);
    return this.transaction(async (client) => {
      const created = await client.query<CollectionRow>(
        `INSERT INTO ${this.schema}.collections
           (name, model, model_version, dim, index_kind, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (name) DO NOTHING RETURNING *`,
        [spec.name, spec.model, spec.modelVersion, spec.dim, indexKind, new Date()],
      );
      const row = created.rows[0];
      if (row === undefined) throw collectionExists(spec.name);

      const table = this.table(row);
      await client.query(
        `CREATE TABLE ${table} (
           id text PRIMARY KEY,
           embedding vector(${Number(row.dim)}) NOT NULL,
           metadata jsonb NOT NULL,
           model_version text NOT NULL
         )`,
      );
      await client.query(`CREATE INDEX ON ${table} USING gin (metadata jsonb_path_ops)`);
      if (indexKind === 'hnsw') {
        // Built empty and kept up by every insert; pgvector's defaults (m 16, ef_construction 64).
        await client.query(`CREATE INDEX ON ${table} USING hnsw (embedding vector_cosine_ops)`);
      }
      return infoOf(row);
    });
  }

  async drop(name: string): Promise<void> {
    await this.transaction(async (client) => {
      const deleted = await client.query<CollectionRow>(
        `DELETE FROM ${this.schema}.collections WHERE name = $1 RETURNING *`,
        [name],
      );
      const row = deleted.rows[0];
      if (row === undefined) throw collectionNotFound(name, await this.names(client));
      await client.query(`DROP TABLE IF EXISTS ${this.table(row)}`);
    });
  }

  async write(
    name: string,
    items: NewItem[],
    mode: 'add' | 'upsert',
  ): Promise<{ added: number; updated: number }> {
    return this.transaction(async (client) => {
      // The row lock orders this write after any other on the collection, from any replica.
      const row = await this.lookup(client, name, 'FOR UPDATE');
      const table = this.table(row);
      const stored = await client.query<{ id: string }>(
        `SELECT id FROM ${table} WHERE id = ANY($1::text[])`,
        [items.map((item) => item.id)],
      );
      const existing = new Set(stored.rows.map((r) => r.id));
      const updated = checkWrite(name, row.dim, items, mode, (id) => existing.has(id));

      await client.query(
        `INSERT INTO ${table} (id, embedding, metadata, model_version)
         SELECT u.id, u.v::vector, u.m::jsonb, $4
         FROM unnest($1::text[], $2::text[], $3::text[]) AS u(id, v, m)
         ON CONFLICT (id) DO UPDATE SET embedding = EXCLUDED.embedding,
           metadata = EXCLUDED.metadata, model_version = EXCLUDED.model_version`,
        [
          items.map((item) => item.id),
          items.map((item) => vectorText(normalize(item.vector))),
          items.map((item) => JSON.stringify(item.metadata)),
          row.model_version,
        ],
      );
      const added = items.length - updated;
      await this.recount(client, row, added);
      return { added, updated };
    });
  }

  async remove(name: string, ids: string[]): Promise<{ deleted: string[]; missing: string[] }> {
    return this.transaction(async (client) => {
      const row = await this.lookup(client, name, 'FOR UPDATE');
      const unique = [...new Set(ids)];
      const removed = await client.query<{ id: string }>(
        `DELETE FROM ${this.table(row)} WHERE id = ANY($1::text[]) RETURNING id`,
        [unique],
      );
      const gone = new Set(removed.rows.map((r) => r.id));
      await this.recount(client, row, -gone.size);
      return {
        deleted: unique.filter((id) => gone.has(id)),
        missing: unique.filter((id) => !gone.has(id)),
      };
    });
  }

  async get(name: string, id: string): Promise<StoredItem | undefined> {
    return this.session(async (client) => {
      const row = await this.lookup(client, name);
      const found = await client.query<{
        id: string;
        embedding: string;
        metadata: Metadata;
        model_version: string;
      }>(
        `SELECT id, embedding::text, metadata, model_version FROM ${this.table(row)} WHERE id = $1`,
        [id],
      );
      const item = found.rows[0];
      if (item === undefined) return undefined;
      return {
        id: item.id,
        vector: parseVector(item.embedding),
        metadata: item.metadata,
        modelVersion: item.model_version,
      };
    }, false);
  }

  async search(name: string, query: Float32Array, options: CollectionQuery): Promise<ItemHit[]> {
    const { k, filter, minScore, exact } = options;
    return this.transaction(async (client) => {
      const row = await this.lookup(client, name);
      checkVector(query, row.dim, 'the query');

      const limit = Math.max(0, Math.floor(k));
      const plan = planSearch({
        table: this.table(row),
        vector: vectorText(normalize(query)),
        k: limit,
        filter,
        useIndex:
          !exact && row.index_kind === 'hnsw' && Number(row.item_count) >= this.settings.exactBelow,
        efSearch: this.settings.efSearch,
        iterativeScan: this.capabilities.iterativeScan,
      });

      let hits: Array<{ id: string; metadata: Metadata; distance: number }> = [];
      for (const statement of [plan.indexed, plan.exact]) {
        if (statement === undefined) continue;
        await client.query(statement.settings);
        hits = (await client.query(statement.select, plan.params)).rows;
        if (hits.length >= limit) break;
      }

      return hits
        .map((h) => ({
          id: h.id,
          score: Math.max(-1, Math.min(1, 1 - Number(h.distance))),
          metadata: h.metadata,
        }))
        .filter((h) => minScore === undefined || h.score >= minScore);
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private indexFor(spec: { name: string; dim: number }): 'hnsw' | 'none' {
    if (this.settings.index === 'none' || !this.capabilities.hnsw) return 'none';
    if (spec.dim <= HNSW_MAX_DIM) return 'hnsw';
    this.settings.logger.info('collection searched exactly: too many dimensions for HNSW', {
      collection: spec.name,
      dim: spec.dim,
      max: HNSW_MAX_DIM,
    });
    return 'none';
  }

  /** The collection's row, locked when asked; `COLLECTION_NOT_FOUND` when there is none. */
  private async lookup(client: pg.PoolClient, name: string, lock = ''): Promise<CollectionRow> {
    const found = await client.query<CollectionRow>(
      `SELECT * FROM ${this.schema}.collections WHERE name = $1 ${lock}`,
      [name],
    );
    const row = found.rows[0];
    if (row === undefined) throw collectionNotFound(name, await this.names(client));
    return row;
  }

  private async names(client: pg.PoolClient): Promise<string[]> {
    const rows = await client.query<{ name: string }>(
      `SELECT name FROM ${this.schema}.collections`,
    );
    return rows.rows.map((r) => r.name);
  }

  private async recount(client: pg.PoolClient, row: CollectionRow, delta: number): Promise<void> {
    if (delta === 0) return;
    await client.query(
      `UPDATE ${this.schema}.collections SET item_count = item_count + $2 WHERE id = $1`,
      [row.id, delta],
    );
  }

  /** The items table: named by the collection's numeric id, never by user input. */
  private table(row: CollectionRow): string {
    const id = BigInt(row.id);
    return `${this.schema}."items_${id}"`;
  }

  private async query<R extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<R[]> {
    try {
      return (await this.pool.query<R>(sql, params)).rows;
    } catch (e) {
      throw this.storeError(e);
    }
  }

  /**
   * A failure of the database itself becomes `STORE_UNAVAILABLE` (503): its message goes to
   * the client, so the cause (addresses, server messages) goes to the log instead.
   */
  private storeError(e: unknown): unknown {
    if (e instanceof ManyViewsError) return e;
    const code = (e as { code?: string }).code ?? '';
    const message = e instanceof Error ? e.message : String(e);
    // PostgreSQL stores no U+0000 in text or jsonb (22P05 from jsonb, 22021 from text).
    if (code === '22P05' || code === '22021') {
      return new ManyViewsError('INVALID_FIELD', 'an id or metadata value holds U+0000', {
        expected: 'text without NUL characters (PostgreSQL cannot store them)',
        cause: e,
      });
    }
    if (!UNREACHABLE.test(code) && !/Connection terminated/i.test(message)) return e;

    this.settings.logger.error('postgres store unreachable', { code, error: message });
    return new ManyViewsError(
      'STORE_UNAVAILABLE',
      'the collection database cannot be reached; try again later',
      { cause: e },
    );
  }

  private transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.session(work, true);
  }

  /**
   * Runs `work` on one pooled connection, in one transaction when asked (committed when it
   * resolves, rolled back when it throws). A collection dropped by another replica between the
   * lookup and the use of its table surfaces as `COLLECTION_NOT_FOUND`, as if the drop had come
   * first.
   */
  private async session<T>(
    work: (client: pg.PoolClient) => Promise<T>,
    transactional: boolean,
  ): Promise<T> {
    const client = await this.pool.connect().catch((e) => {
      throw this.storeError(e);
    });
    try {
      if (transactional) await client.query('BEGIN');
      const result = await work(client);
      if (transactional) await client.query('COMMIT');
      return result;
    } catch (e) {
      if (transactional) await client.query('ROLLBACK').catch(() => undefined);
      if ((e as { code?: string }).code === '42P01') {
        throw new ManyViewsError('COLLECTION_NOT_FOUND', 'the collection was deleted meanwhile', {
          cause: e,
        });
      }
      throw this.storeError(e);
    } finally {
      client.release();
    }
  }
}

function infoOf(row: CollectionRow): CollectionInfo {
  return {
    name: row.name,
    model: row.model,
    modelVersion: row.model_version,
    dim: Number(row.dim),
    count: Number(row.item_count),
    createdAt: row.created_at.toISOString(),
  };
}

/**
 * pgvector's text form. A float32 printed through its double is exact, and pgvector reads it
 * back with strtof to the same float32.
 */
function vectorText(v: Float32Array): string {
  return `[${Array.from(v).join(',')}]`;
}

function parseVector(text: string): Float32Array {
  return Float32Array.from(text.slice(1, -1).split(','), Number);
}

// Node's socket errors and PostgreSQL's connection-exception class (08), shutdowns (57P0x) and
// "too many connections" (53300): the database, not the request, is at fault.
const UNREACHABLE =
  /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|08...|57P0.|53300)$/;

/** At open: the operator reads it, so it says where and why. */
function unavailable(e: unknown, url: string): ManyViewsError {
  return new ManyViewsError('STORE_UNAVAILABLE', 'the collection database cannot be reached', {
    expected: `a server at ${redact(url)}`,
    received: e instanceof Error ? e.message : String(e),
    cause: e,
  });
}

/**
 * A connection URL without its password, for logs and messages.
 *
 * @example redact('postgres://app:secret@db:5432/x') // 'postgres://app:***@db:5432/x'
 */
export function redact(url: string): string {
  return url.replace(/^(\w+:\/\/[^:/@]*:)[^@]*@/, '$1***@');
}
