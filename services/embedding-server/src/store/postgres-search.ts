import type { MetadataPredicate } from './metadata-filter.js';
import { filterSql } from './postgres-filter.js';

/** One way to run a search: settings for its transaction, then the query. */
export interface SearchStatement {
  /** `SET LOCAL ...` statements, `;`-separated (no parameters). */
  settings: string;
  /** The query; its rows are `id`, `metadata`, `distance` (cosine distance), best first. */
  select: string;
}

/** The statements of one search, so that what the store runs is what a test can `EXPLAIN`. */
export interface SearchPlan {
  /** `$1` is the query vector, then the filter's values. */
  params: unknown[];
  /** Through the HNSW index; absent when the collection is searched exactly. */
  indexed?: SearchStatement;
  /** A sequential scan with a top-k sort: the answer, or the fallback of `indexed`. */
  exact: SearchStatement;
}

/** What {@link planSearch} needs to know. */
export interface SearchPlanOptions {
  /** The items table, quoted and schema-qualified. */
  table: string;
  /** The query vector in pgvector's text form, unit length. */
  vector: string;
  /** Rows to return (>= 0). */
  k: number;
  filter?: MetadataPredicate;
  /** Whether to go through the index (it exists and the collection is large enough). */
  useIndex: boolean;
  /** `hnsw.ef_search`, raised to `k` when smaller and capped at pgvector's 1000. */
  efSearch: number;
  /** Whether pgvector has `hnsw.iterative_scan` (0.8.0 and later). */
  iterativeScan: boolean;
}

// pgvector refuses a larger hnsw.ef_search rather than clamping it.
const EF_SEARCH_MAX = 1000;

/**
 * Builds the statements of a collection search.
 *
 * The index path prices sequential scans out: the item count already said the index pays, and a
 * planner without statistics (no ANALYZE since the rows came) may not know it. With a filter it
 * asks for pgvector's iterative scan in strict order, which keeps walking the graph until `k`
 * rows pass; the caller still runs `exact` whenever fewer than `k` come back (a small
 * `hnsw.max_scan_tuples`, or a pgvector before 0.8.0), so `k` hits come back whenever `k` items
 * match.
 *
 * The exact path switches index scans off rather than relying on its two-key ORDER BY, which an
 * incremental sort over the index scan could still serve, approximately.
 */
export function planSearch(options: SearchPlanOptions): SearchPlan {
  const { table, vector, filter } = options;
  const params: unknown[] = [vector];
  const where = filter === undefined ? 'true' : filterSql(filter.conditions, 'metadata', params);
  const select = `SELECT id, metadata, embedding <=> $1::vector AS distance FROM ${table} WHERE ${where}`;
  const limit = Math.max(0, Math.floor(options.k));

  const exact = {
    settings: 'SET LOCAL enable_seqscan = on; SET LOCAL enable_indexscan = off',
    select: `${select} ORDER BY distance, id COLLATE "C" LIMIT ${limit}`,
  };
  if (!options.useIndex) return { params, exact };

  const efSearch = Math.min(EF_SEARCH_MAX, Math.max(options.efSearch, limit));
  const settings = ['SET LOCAL enable_seqscan = off', `SET LOCAL hnsw.ef_search = ${efSearch}`];
  if (filter !== undefined && options.iterativeScan) {
    settings.push('SET LOCAL hnsw.iterative_scan = strict_order');
  }
  const indexed = {
    settings: settings.join('; '),
    select: `${select} ORDER BY embedding <=> $1::vector LIMIT ${limit}`,
  };
  return { params, indexed, exact };
}
