import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { cosine, cosineMatrix, normalize, topK } from './vector-math.js';

describe('normalize', () => {
  it('scales to unit length and leaves a zero vector at zero', () => {
    expect(Array.from(normalize(Float32Array.of(3, 4)))).toEqual([
      Math.fround(0.6),
      Math.fround(0.8),
    ]);
    expect(Array.from(normalize(new Float32Array(3)))).toEqual([0, 0, 0]);
  });
});

describe('cosine', () => {
  it('matches hand-computed values and ignores the vectors\u2019 lengths', () => {
    expect(cosine(Float32Array.of(1, 0), Float32Array.of(0, 5))).toBe(0);
    expect(cosine(Float32Array.of(3, 4), Float32Array.of(6, 8))).toBeCloseTo(1, 6);
    expect(cosine(Float32Array.of(1, 0), Float32Array.of(-2, 0))).toBeCloseTo(-1, 6);
    // (1,2,2)·(2,0,1) = 4; |u| = 3, |v| = sqrt(5)
    expect(cosine(Float32Array.of(1, 2, 2), Float32Array.of(2, 0, 1))).toBeCloseTo(
      4 / (3 * Math.sqrt(5)),
      6,
    );
    expect(cosine(new Float32Array(2), Float32Array.of(1, 1))).toBe(0);
  });

  it('rejects vectors of different lengths', () => {
    expect(() => cosine(new Float32Array(2), new Float32Array(3))).toThrow(RangeError);
  });

  it('builds a matrix a-rows by b-columns', () => {
    const m = cosineMatrix([Float32Array.of(1, 0), Float32Array.of(0, 1)], [Float32Array.of(1, 1)]);
    expect(m).toHaveLength(2);
    expect(m[0][0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(m[1][0]).toBeCloseTo(Math.SQRT1_2, 6);
  });
});

describe('topK', () => {
  // 7 leaves a remainder after the loop unrolled by four.
  it.each([16, 7, 1])('agrees with a full sort on a random matrix of dim %i', (dim) => {
    const rng = new Rng(dim);
    const n = 500;
    const matrix = Float32Array.from({ length: n * dim }, () => rng.uniform(-1, 1));
    const query = Float32Array.from({ length: dim }, () => rng.uniform(-1, 1));

    const dots = Array.from({ length: n }, (_, row) => {
      let s = 0;
      for (let j = 0; j < dim; j++) s += matrix[row * dim + j] * query[j];
      return { row, score: s };
    });
    const expected = dots.sort((x, y) => y.score - x.score).slice(0, 25);

    const got = topK(matrix, dim, query, 25);
    expect(got.map((r) => r.row)).toEqual(expected.map((r) => r.row));
    for (const [i, r] of got.entries()) expect(r.score).toBeCloseTo(expected[i].score, 5);
  });

  it('breaks ties by row order and returns at most n rows', () => {
    const matrix = Float32Array.of(1, 0, 0, 1, 1, 0, 1, 0);
    const got = topK(matrix, 2, Float32Array.of(1, 0), 10);
    expect(got.map((r) => r.row)).toEqual([0, 2, 3, 1]);
    expect(topK(matrix, 2, Float32Array.of(1, 0), 2).map((r) => r.row)).toEqual([0, 2]);
  });

  it('ranks a NaN row last instead of corrupting the order', () => {
    const matrix = Float32Array.of(Number.NaN, 0, 0.5, 0, 1, 0);
    expect(topK(matrix, 2, Float32Array.of(1, 0), 3).map((r) => r.row)).toEqual([2, 1, 0]);
  });

  it('rejects a query of the wrong length', () => {
    expect(() => topK(new Float32Array(4), 2, new Float32Array(3), 1)).toThrow(RangeError);
  });
});

describe('topK options', () => {
  // Rows 0..5 with scores 0, 1, 2, 3, 4, 5 against the query (1, 0).
  const matrix = Float32Array.from([0, 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 9, 9]);
  const query = Float32Array.from([1, 0]);

  it('reads only the leading rows', () => {
    expect(topK(matrix, 2, query, 2, { rows: 6 }).map((r) => r.row)).toEqual([5, 4]);
  });

  it('applies the mask before the top-k, so k accepted rows come back', () => {
    const accept = Uint8Array.from([1, 1, 1, 0, 0, 0, 0]);
    expect(topK(matrix, 2, query, 3, { rows: 6, accept }).map((r) => r.row)).toEqual([2, 1, 0]);
  });

  it('drops rows below minScore', () => {
    expect(topK(matrix, 2, query, 10, { rows: 6, minScore: 3 }).map((r) => r.row)).toEqual([
      5, 4, 3,
    ]);
  });
});
