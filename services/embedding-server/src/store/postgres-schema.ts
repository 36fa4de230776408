import { type Logger, ManyViewsError } from '@manyviews/augment-core';
import type pg from 'pg';

/** What the connected server's pgvector can do, read once at open. */
export interface VectorCapabilities {
  /** `extversion` of the `vector` extension, e.g. `0.8.0`. */
  version: string;
  /** HNSW indexes: pgvector 0.5.0 and later. */
  hnsw: boolean;
  /** `hnsw.iterative_scan`, which keeps a filtered index scan going until `k` rows pass: 0.8.0. */
  iterativeScan: boolean;
}

/** HNSW indexes `vector` columns of at most this many dimensions (pgvector's limit). */
export const HNSW_MAX_DIM = 2000;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Quotes a schema name for SQL after checking it is a plain lower-case identifier, so that the
 * name the user chose is the name the server creates (no case folding, nothing to escape).
 *
 * @throws {ManyViewsError} `INVALID_STORE_URL` for any other name
 */
export function schemaIdent(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new ManyViewsError('INVALID_STORE_URL', `schema ${schema} is not a plain identifier`, {
      expected: 'a-z, 0-9 and _, 1 to 63 characters, not starting with a digit',
      received: schema,
    });
  }
  return `"${schema}"`;
}

/**
 * Creates what the store needs if it is not there yet: the `vector` extension, the schema and
 * its `collections` table (one row per collection; each collection's items live in a table of
 * their own, `items_<id>`, created with the collection).
 *
 * Several replicas may start at once on an empty database: `CREATE ... IF NOT EXISTS` alone can
 * still race on the catalog (a unique violation on `pg_type`), so the steps run in one
 * transaction under an advisory lock keyed by the schema.
 *
 * @throws {ManyViewsError} `STORE_UNSUPPORTED` when pgvector is missing and cannot be created
 *   (not installed on the server, or the role may not create extensions)
 */
export async function ensureSchema(
  client: pg.PoolClient,
  schema: string,
  logger: Logger,
): Promise<VectorCapabilities> {
  const s = schemaIdent(schema);
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`manyviews:${schema}`]);
    const version = await vectorVersion(client);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${s}.collections (
        id bigserial PRIMARY KEY,
        name text NOT NULL UNIQUE,
        model text NOT NULL,
        model_version text NOT NULL,
        dim integer NOT NULL CHECK (dim > 0),
        item_count bigint NOT NULL DEFAULT 0,
        index_kind text NOT NULL,
        created_at timestamptz NOT NULL
      )`,
    );
    await client.query('COMMIT');

    const capabilities = capabilitiesOf(version);
    logger.info('postgres store schema ready', { schema, pgvector: version, ...capabilities });
    return capabilities;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/** Reads pgvector's version, creating the extension first when it is missing. */
async function vectorVersion(client: pg.PoolClient): Promise<string> {
  const read = async () =>
    (
      await client.query<{ extversion: string }>(
        "SELECT extversion FROM pg_extension WHERE extname = 'vector'",
      )
    ).rows[0]?.extversion;

  // Checked first, so that a role without the right to create extensions works once an
  // administrator has created it.
  const present = await read();
  if (present !== undefined) return present;
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS vector');
  } catch (e) {
    throw new ManyViewsError('STORE_UNSUPPORTED', 'the database has no pgvector extension', {
      expected:
        'pgvector installed on the server, and CREATE EXTENSION vector run once by a role ' +
        'allowed to (or this role allowed to run it)',
      received: e instanceof Error ? e.message : String(e),
      cause: e,
    });
  }
  return (await read())!;
}

/**
 * @param version pgvector's `extversion`, `major.minor.patch`
 */
export function capabilitiesOf(version: string): VectorCapabilities {
  const [major, minor] = version.split('.').map(Number);
  const atLeast = (a: number, b: number) => major > a || (major === a && minor >= b);
  return { version, hnsw: atLeast(0, 5), iterativeScan: atLeast(0, 8) };
}
