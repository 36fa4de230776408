import { ManyViewsError } from '@manyviews/augment-core';
import * as tf from '@tensorflow/tfjs-core';

/** Inputs of {@link crossSetRetrieval}: row-major, L2-normalised features and their names. */
export interface RetrievalInputs {
  /** `bankNames.length x dim`: what is searched (the training set). */
  bank: Float32Array;
  bankNames: readonly string[];
  /** `queryNames.length x dim`: the other set's drawings. */
  queries: Float32Array;
  queryNames: readonly string[];
  dim: number;
  /** Queries per similarity block; default 256. */
  blockSize?: number;
}

/** Top-k accuracies of retrieval by name. */
export interface RetrievalResult {
  /** Share of queries whose nearest bank row has the query's name. */
  top1: number;
  /** Share of queries whose name is among the names of the 5 nearest bank rows. */
  top5: number;
  /** Queries scored: those whose name is in the bank. */
  queries: number;
  bank: number;
  /** Queries left out because no bank row has their name (a limited bank). */
  unmatched: number;
}

/**
 * Cross-set retrieval: each query (one set's drawing of an emoji) is matched to its nearest bank
 * rows (the other set's drawings) by cosine similarity; a hit at k is the query's own name among
 * the k nearest. Each name is its own class, so this replaces kNN classification, whose votes
 * and probe have one example per class to learn from. Ties in similarity go to the lower bank
 * row (tf.topk's order), so results are deterministic.
 *
 * @throws {ManyViewsError} `INVALID_OPTION` when features and names do not agree, or no query's
 *   name is in the bank
 * @example
 * const { top1, top5 } = crossSetRetrieval({ bank, bankNames, queries, queryNames, dim: 256 });
 */
export function crossSetRetrieval(inputs: RetrievalInputs): RetrievalResult {
  const { dim, bankNames, queryNames } = inputs;
  if (
    inputs.bank.length !== bankNames.length * dim ||
    inputs.queries.length !== queryNames.length * dim
  ) {
    throw new ManyViewsError('INVALID_OPTION', 'crossSetRetrieval: features and names disagree', {
      expected: `${bankNames.length} x ${dim} bank and ${queryNames.length} x ${dim} query values`,
      received: `${inputs.bank.length} and ${inputs.queries.length} values`,
    });
  }
  const inBank = new Set(bankNames);
  const scored = queryNames.flatMap((name, q) => (inBank.has(name) ? [q] : []));
  if (scored.length === 0) {
    throw new ManyViewsError('INVALID_OPTION', 'crossSetRetrieval: no query is in the bank', {
      expected: 'queries named like some bank rows',
      received: `${queryNames.length} queries, ${bankNames.length} bank rows, no name shared`,
    });
  }

  const k = Math.min(5, bankNames.length);
  const blockSize = inputs.blockSize ?? 256;
  const bankT = tf.tidy(() => tf.transpose(tf.tensor2d(inputs.bank, [bankNames.length, dim])));
  let hits1 = 0;
  let hits5 = 0;
  try {
    for (let start = 0; start < scored.length; start += blockSize) {
      const rows = scored.slice(start, start + blockSize);
      const block = new Float32Array(rows.length * dim);
      for (const [r, q] of rows.entries()) {
        block.set(inputs.queries.subarray(q * dim, (q + 1) * dim), r * dim);
      }
      const indices = tf.tidy(() => {
        const sims = tf.matMul(tf.tensor2d(block, [rows.length, dim]), bankT);
        return tf.topk(sims, k).indices.dataSync() as Int32Array;
      });
      for (const [r, q] of rows.entries()) {
        const names = Array.from(indices.subarray(r * k, (r + 1) * k), (i) => bankNames[i]);
        if (names[0] === queryNames[q]) hits1++;
        if (names.includes(queryNames[q])) hits5++;
      }
    }
  } finally {
    bankT.dispose();
  }
  return {
    top1: hits1 / scored.length,
    top5: hits5 / scored.length,
    queries: scored.length,
    bank: bankNames.length,
    unmatched: queryNames.length - scored.length,
  };
}
