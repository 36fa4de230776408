import { packSparseRows, type SparseRows, textTokens } from '@manyviews/contrastive';

/**
 * A TF-IDF model fitted on a corpus: its vocabulary and each term's inverse document frequency
 * `idf(t) = ln((1 + N) / (1 + df(t))) + 1` (the smoothed form of scikit-learn's
 * `TfidfVectorizer`, so a term in every document still counts a little).
 */
export interface TfIdfModel {
  /** Term -> column. */
  vocabulary: Map<string, number>;
  idf: Float32Array;
  /** Documents it was fitted on. */
  documents: number;
}

/**
 * Fits TF-IDF on the word tokens of `texts` (lower-cased, as the text featuriser sees them).
 *
 * @param texts the corpus, e.g. the training split
 */
export function fitTfIdf(texts: readonly string[]): TfIdfModel {
  const vocabulary = new Map<string, number>();
  const df: number[] = [];
  for (const text of texts) {
    for (const term of new Set(textTokens(text))) {
      let column = vocabulary.get(term);
      if (column === undefined) {
        column = vocabulary.size;
        vocabulary.set(term, column);
        df.push(0);
      }
      df[column]++;
    }
  }
  const n = texts.length;
  const idf = Float32Array.from(df, (d) => Math.log((1 + n) / (1 + d)) + 1);
  return { vocabulary, idf, documents: n };
}

/**
 * TF-IDF vectors of `texts` under `model`, each row `tf(t) * idf(t)` with raw term counts,
 * L2-normalised, columns sorted. Terms outside the vocabulary are dropped; a text with none
 * is an all-zero row.
 */
export function tfIdfRows(model: TfIdfModel, texts: readonly string[]): SparseRows {
  const rows = texts.map((text) => {
    const counts = new Map<number, number>();
    for (const term of textTokens(text)) {
      const column = model.vocabulary.get(term);
      if (column !== undefined) counts.set(column, (counts.get(column) ?? 0) + 1);
    }
    const indices = Uint32Array.from(counts.keys()).sort();
    const values = Float32Array.from(indices, (c) => counts.get(c)! * model.idf[c]);
    let norm = 0;
    for (const v of values) norm += v * v;
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < values.length; i++) values[i] *= inv;
    return { indices, values };
  });
  return packSparseRows(rows, model.vocabulary.size);
}
