import { describe, expect, it } from 'vitest';
import { fitTfIdf, tfIdfRows } from './tfidf.js';

describe('TF-IDF', () => {
  // Three documents; "the" is in all three, "cat" in two, "dog" and "sat" in one.
  const corpus = ['The cat sat', 'the cat', 'the dog the'];
  const model = fitTfIdf(corpus);

  it('fits smoothed idf = ln((1 + N) / (1 + df)) + 1', () => {
    const idf = (t: string) => model.idf[model.vocabulary.get(t)!];
    expect(idf('the')).toBeCloseTo(1, 6);
    expect(idf('cat')).toBeCloseTo(Math.log(4 / 3) + 1, 6);
    expect(idf('dog')).toBeCloseTo(Math.log(2) + 1, 6);
    expect(model.documents).toBe(3);
  });

  it('weights raw counts by idf and L2-normalises each row, dropping unknown words', () => {
    const rows = tfIdfRows(model, ['the dog the', 'unknown words', 'the']);
    const row = (r: number) => {
      const out = new Map<string, number>();
      for (let j = rows.indptr[r]; j < rows.indptr[r + 1]; j++) {
        const term = [...model.vocabulary].find(([, c]) => c === rows.indices[j])![0];
        out.set(term, rows.values[j]);
      }
      return out;
    };
    // "the" twice with idf 1, "dog" once with idf 1 + ln 2: (2, 1.693) / |.|
    const dog = 1 + Math.log(2);
    const norm = Math.hypot(2, dog);
    expect(row(0).get('the')).toBeCloseTo(2 / norm, 6);
    expect(row(0).get('dog')).toBeCloseTo(dog / norm, 6);
    expect(row(1).size).toBe(0);
    expect(row(2).get('the')).toBeCloseTo(1, 6);
    expect(rows.dim).toBe(4);
  });
});
