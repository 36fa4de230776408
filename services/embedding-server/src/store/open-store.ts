import { type Logger, ManyViewsError } from '@manyviews/augment-core';
import type { CollectionStore } from './collection-store.js';
import { openLocalStore } from './local-store.js';
import { openPostgresStore, redact } from './postgres-store.js';

const DATABASE_URL = /^postgres(ql)?:\/\//i;

/**
 * Whether a store location names a PostgreSQL database (`postgres://` or `postgresql://`)
 * rather than a directory.
 */
export function isDatabaseUrl(location: string): boolean {
  return DATABASE_URL.test(location);
}

/**
 * Opens the collection store a location names: a `postgres://` or `postgresql://` URL opens
 * the PostgreSQL store (`openPostgresStore`, for several replicas on one database), anything
 * else is a directory for the local store (`openLocalStore`, one process). Logs which at `info`.
 *
 * A URL may end in `?max_connections=N` (default 10): the connections the store's pool opens.
 * It is read here and not passed to the server. A server that runs one session for all its
 * clients, as `@electric-sql/pglite-socket` does, needs `max_connections=1`.
 *
 * @param location a directory, or `postgres://user:password@host:5432/database[?max_connections=N]`
 * @throws {ManyViewsError} `INVALID_STORE_URL` for a `max_connections` that is not an integer
 *   >= 1; whatever the chosen store's open throws, e.g. `STORE_UNAVAILABLE`
 *
 * @example
 * const store = await openStore(process.env.MANYVIEWS_STORE ?? 'store', { logger });
 */
export async function openStore(
  location: string,
  options: { logger?: Logger } = {},
): Promise<CollectionStore> {
  const { logger } = options;
  if (isDatabaseUrl(location)) {
    const { url, maxConnections } = takeMaxConnections(location);
    logger?.info(`collections in PostgreSQL at ${redact(url)}`);
    return openPostgresStore({ url, maxConnections, logger });
  }
  logger?.info(`collections in the local store at ${location}`);
  return openLocalStore({ dir: location, logger });
}

/** Splits `max_connections` off a database URL's query, leaving the URL `pg` reads. */
function takeMaxConnections(location: string): { url: string; maxConnections?: number } {
  const match = /([?&])max_connections=([^&#]*)&?/.exec(location);
  if (!match) return { url: location };

  const value = decodeURIComponent(match[2] ?? '');
  const maxConnections = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(maxConnections) || maxConnections < 1) {
    throw new ManyViewsError('INVALID_STORE_URL', 'max_connections in the store URL is not valid', {
      expected: 'max_connections=N with N an integer >= 1',
      received: value,
    });
  }

  // Keep the separator of what followed, so `?a=1&max_connections=2&b=3` becomes `?a=1&b=3`.
  const rest = location.slice(match.index + match[0].length);
  const before = location.slice(0, match.index);
  const url = rest ? `${before}${match[1]}${rest}` : before;
  return { url, maxConnections };
}
