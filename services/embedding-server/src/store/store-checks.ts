import { ManyViewsError } from '@manyviews/augment-core';
import type { NewItem } from './collection-store.js';
import { FIELD_NAME_RULE, isFieldName } from './metadata-filter.js';

/**
 * The checks every {@link CollectionStore} makes the same way, so that the local and the
 * PostgreSQL store refuse the same requests with the same codes and messages.
 */

/**
 * Checks a batch before it is written: ids distinct, `add` only of new ids, every vector of the
 * collection's dimension with a direction, every metadata key one a filter can name. Items are
 * checked in order and the first problem is thrown, so a request with several gets one stable
 * answer.
 *
 * @param stored whether an id is already in the collection
 * @returns how many of the items are already stored (those an upsert replaces)
 * @throws {ManyViewsError} `INVALID_FIELD` (an id twice, a metadata key that is empty or starts
 *   with `$`), `ITEM_EXISTS` (add of a stored id), `INVALID_VECTOR`
 */
export function checkWrite(
  collection: string,
  dim: number,
  items: NewItem[],
  mode: 'add' | 'upsert',
  stored: (id: string) => boolean,
): number {
  const seen = new Set<string>();
  let updated = 0;
  for (const item of items) {
    if (seen.has(item.id)) {
      throw new ManyViewsError('INVALID_FIELD', `item id ${item.id} appears twice in the request`, {
        expected: 'distinct ids',
      });
    }
    seen.add(item.id);

    const exists = stored(item.id);
    if (exists && mode === 'add') {
      throw new ManyViewsError('ITEM_EXISTS', `item ${item.id} is already in ${collection}`, {
        expected: 'new ids (PUT the items to replace them)',
      });
    }
    if (exists) updated++;
    checkVector(item.vector, dim, item.id);
    checkMetadataKeys(item);
  }
  return updated;
}

// A key a filter refuses (INVALID_FILTER) could be stored but never searched by.
function checkMetadataKeys(item: NewItem): void {
  const bad = Object.keys(item.metadata ?? {}).find((key) => !isFieldName(key));
  if (bad === undefined) return;
  throw new ManyViewsError(
    'INVALID_FIELD',
    `item ${item.id}: metadata key ${JSON.stringify(bad)} cannot be filtered on`,
    { expected: FIELD_NAME_RULE, received: JSON.stringify(bad) },
  );
}

/**
 * @param what names the vector in the message (an item id, "the query")
 * @throws {ManyViewsError} `INVALID_VECTOR` for a wrong length, a non-finite value (naming it),
 *   or all zeros
 */
export function checkVector(vector: Float32Array, dim: number, what: string): void {
  if (vector.length !== dim) {
    throw new ManyViewsError('INVALID_VECTOR', `${what}: the vector has the wrong length`, {
      expected: `${dim} values (the collection's dimension)`,
      received: `${vector.length} values`,
    });
  }
  const bad = vector.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) {
    throw new ManyViewsError('INVALID_VECTOR', `${what}: value ${bad} is not a finite float32`, {
      expected: 'finite values within float32 range (|x| <= 3.4028235e38)',
      received: vector[bad],
    });
  }

  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i] * vector[i];
  if (sum === 0) {
    throw new ManyViewsError('INVALID_VECTOR', `${what}: the vector has no direction`, {
      expected: 'at least one value that is not zero',
      received: 'all zeros',
    });
  }
}

/**
 * @param names the collections there are, for the message
 * @returns `COLLECTION_NOT_FOUND` (404)
 */
export function collectionNotFound(name: string, names: string[]): ManyViewsError {
  return new ManyViewsError('COLLECTION_NOT_FOUND', `collection ${name} does not exist`, {
    expected:
      names.length === 0
        ? 'a collection created with POST /v1/collections (there are none)'
        : `one of ${[...names].sort().join(', ')}`,
  });
}

/** @returns `COLLECTION_EXISTS` (409) */
export function collectionExists(name: string): ManyViewsError {
  return new ManyViewsError('COLLECTION_EXISTS', `collection ${name} already exists`, {
    expected: 'a new name, or DELETE /v1/collections/{name} first',
  });
}
