import type { Metadata, MetadataPredicate } from './metadata-filter.js';
import type { ItemHit, StoredItem } from './vector-table.js';

export type { ItemHit, StoredItem } from './vector-table.js';

/** A collection as the store describes it. */
export interface CollectionInfo {
  name: string;
  /** The model whose vectors it holds; raw inputs are embedded by it. */
  model: string;
  /** The model version every vector in it was made by (see `ServedModel.version`). */
  modelVersion: string;
  dim: number;
  count: number;
  /** ISO 8601. */
  createdAt: string;
}

/** One item to write, its vector already computed (by the model or given by the caller). */
export interface NewItem {
  id: string;
  vector: Float32Array;
  metadata: Metadata;
}

/** What a search asks for. */
export interface CollectionQuery {
  k: number;
  filter?: MetadataPredicate;
  minScore?: number;
  /** Compare with every item even where the store would use an approximate index. */
  exact?: boolean;
  /**
   * The local store's approximate index: cells to scan at least (default its
   * `approximate.probes`). More cells, higher recall, slower. The PostgreSQL store ignores it.
   */
  probes?: number;
}

/**
 * Where collections live. The routes only see this interface; `openLocalStore` keeps them in
 * memory with a write-ahead log on local disk.
 *
 * Every write resolves once it is durable, so a route that answers after it never acknowledges
 * a write a crash could lose. Errors are `ManyViewsError`s: `COLLECTION_NOT_FOUND` (404),
 * `COLLECTION_EXISTS`, `ITEM_EXISTS` (409), `INVALID_VECTOR` (400).
 */
export interface CollectionStore {
  list(): Promise<CollectionInfo[]>;
  info(name: string): Promise<CollectionInfo>;
  create(spec: Omit<CollectionInfo, 'count' | 'createdAt'>): Promise<CollectionInfo>;
  drop(name: string): Promise<void>;
  /**
   * Writes items, all or none: `add` refuses ids already stored, `upsert` replaces them.
   *
   * @returns how many were new and how many replaced
   */
  write(
    name: string,
    items: NewItem[],
    mode: 'add' | 'upsert',
  ): Promise<{ added: number; updated: number }>;
  /** Deletes items; ids not stored are reported, not refused. */
  remove(name: string, ids: string[]): Promise<{ deleted: string[]; missing: string[] }>;
  /** @returns the item, or undefined */
  get(name: string, id: string): Promise<StoredItem | undefined>;
  search(name: string, query: Float32Array, options: CollectionQuery): Promise<ItemHit[]>;
  /** Waits for every write so far to be durable, then releases files. */
  close(): Promise<void>;
}
