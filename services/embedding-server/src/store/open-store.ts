import type { Logger } from '@manyviews/augment-core';
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
 * @param location a directory, or `postgres://user:password@host:5432/database`
 * @throws {ManyViewsError} whatever the chosen store's open throws, e.g. `STORE_UNAVAILABLE`
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
    logger?.info(`collections in PostgreSQL at ${redact(location)}`);
    return openPostgresStore({ url: location, logger });
  }
  logger?.info(`collections in the local store at ${location}`);
  return openLocalStore({ dir: location, logger });
}
