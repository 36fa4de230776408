import { ManyViewsError } from '@manyviews/augment-core';

/**
 * Splits a forward pass's `rows x dim` output into one vector per input, refusing any that holds
 * NaN or Infinity. Such a vector (from a non-finite input that got past decoding, or weights that
 * diverged) would reach JSON as nulls and every cosine with it would be NaN; a typed error is the
 * only honest answer.
 *
 * @param flat `rows x dim` floats, row-major
 * @param rows inputs in this pass
 * @param dim the embedding size
 * @param model the model's name, for the message
 * @param first the request index of the first row (when a request is embedded in chunks); default 0
 * @returns `rows` copies of `dim` floats
 * @throws {ManyViewsError} `EMBEDDING_NOT_FINITE` naming the input, the dimension and its value
 */
export function embeddingRows(
  flat: Float32Array,
  rows: number,
  dim: number,
  model: string,
  first = 0,
): Float32Array[] {
  const out: Float32Array[] = [];
  for (let i = 0; i < rows; i++) {
    const row = flat.slice(i * dim, (i + 1) * dim);
    const bad = row.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      throw new ManyViewsError(
        'EMBEDDING_NOT_FINITE',
        `model ${model} produced a non-finite embedding for input ${first + i}`,
        { expected: 'finite values', received: `${row[bad]} at dimension ${bad}` },
      );
    }
    out.push(row);
  }
  return out;
}
