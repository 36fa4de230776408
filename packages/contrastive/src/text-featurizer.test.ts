import { describe, expect, it } from 'vitest';
import {
  hashFeature,
  resolveTextFeaturizer,
  TextFeaturizer,
  textTokens,
} from './text-featurizer.js';

/** FNV-1a and MurmurHash3's finaliser written out plainly, to pin the hash down. */
function naiveHash(text: string): number {
  let h = 0x811c9dc5;
  for (const c of text) {
    for (let i = 0; i < c.length; i++) h = Math.imul(h ^ c.charCodeAt(i), 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

describe('textTokens', () => {
  it('keeps words and numbers, lower-cased, and drops punctuation', () => {
    expect(textTokens("Don't stop, 3rd time! well-known")).toEqual([
      "don't",
      'stop',
      '3rd',
      'time',
      'well-known',
    ]);
    expect(textTokens('Cat', false)).toEqual(['Cat']);
    expect(textTokens('...')).toEqual([]);
  });
});

describe('hashFeature', () => {
  it('is FNV-1a with a finaliser; a prefix hashes as if prepended; seeds differ', () => {
    expect(hashFeature('cat')).toBe(naiveHash('cat'));
    expect(hashFeature('')).toBe(naiveHash(''));
    expect(hashFeature('cat', 0, '0:')).toBe(hashFeature('0:cat'));
    expect(hashFeature('cat', 1)).not.toBe(hashFeature('cat'));
  });
});

describe('TextFeaturizer', () => {
  const f = new TextFeaturizer({ buckets: 1 << 12 });

  it('is deterministic, L2-normalised, with sorted distinct slots inside the bag', () => {
    const a = f.features('A small domesticated feline; "the cat sat"');
    const b = new TextFeaturizer({ buckets: 1 << 12 }).features(
      'A small domesticated feline; "the cat sat"',
    );
    expect(Array.from(a.indices)).toEqual(Array.from(b.indices));
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
    const norm = Math.hypot(...a.values);
    expect(norm).toBeCloseTo(1, 5);
    for (let i = 1; i < a.indices.length; i++)
      expect(a.indices[i]).toBeGreaterThan(a.indices[i - 1]);
    expect(Math.max(...a.indices)).toBeLessThan(1 << 12);
  });

  it('hashes each feature into `hashes` slots: one unigram, no n-grams, is two entries of 1/sqrt(2)', () => {
    const one = new TextFeaturizer({
      buckets: 1 << 20,
      wordNgrams: 1,
      charNgrams: [0, 0],
      groupWeights: [1, 0, 0],
    });
    const { indices, values } = one.features('Cat');
    expect(indices.length).toBe(2);
    const h = hashFeature('0:cat');
    expect(indices).toContain(h % (1 << 20));
    expect(Math.abs(values[0])).toBeCloseTo(Math.SQRT1_2, 6);
    expect(Math.abs(values[1])).toBeCloseTo(Math.SQRT1_2, 6);
    // Case and punctuation do not change the features.
    expect(Array.from(one.features('cat!').indices)).toEqual(Array.from(indices));
  });

  it('counts the character n-grams of <word> with lengths in [min, max]', () => {
    const chars = new TextFeaturizer({
      buckets: 1 << 22,
      hashes: 1,
      wordNgrams: 1,
      charNgrams: [3, 4],
      groupWeights: [0, 0, 1],
    });
    // <cat>: 3-grams <ca cat at>, 4-grams <cat cat>: five distinct n-grams, weight 1/sqrt(5).
    const { indices, values } = chars.features('cat');
    const expected = ['<ca', 'cat', 'at>', '<cat', 'cat>']
      .map((g) => hashFeature(g, 0, '2:') % (1 << 22))
      .sort((x, y) => x - y);
    expect(Array.from(indices)).toEqual(expected);
    for (const v of values) expect(Math.abs(v)).toBeCloseTo(1 / Math.sqrt(5), 6);
  });

  it('gives an all-zero row for text without words and writes dense rows in place', () => {
    expect(f.features(' ... ').indices.length).toBe(0);
    const rows = f.dense(['cat', '', 'dog']);
    expect(rows.length).toBe(3 * f.inputSize);
    expect(rows.subarray(f.inputSize, 2 * f.inputSize).every((v) => v === 0)).toBe(true);
    const { indices, values } = f.features('dog');
    expect(rows[2 * f.inputSize + indices[0]]).toBe(values[0]);
  });

  it('stops at maxTokens', () => {
    const short = new TextFeaturizer({ buckets: 1 << 12, maxTokens: 2 });
    expect(Array.from(short.features('a b c d').indices)).toEqual(
      Array.from(short.features('a b').indices),
    );
  });

  it('refuses configs out of range, naming the field', () => {
    expect(() => resolveTextFeaturizer({ buckets: 3 })).toThrow(/buckets/);
    expect(() => resolveTextFeaturizer({ charNgrams: [4, 2] })).toThrow(/charNgrams/);
    expect(() => resolveTextFeaturizer({ groupWeights: [1, -1, 0] })).toThrow(/groupWeights/);
    expect(() => resolveTextFeaturizer({ version: 3 as 1 })).toThrow(/featurizer/);
    expect(resolveTextFeaturizer({}).buckets).toBe(16384);
  });
});
