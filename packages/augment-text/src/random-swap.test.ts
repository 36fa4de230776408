import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { randomSwap } from './random-swap.js';
import { tokenize } from './text-doc.js';

describe('randomSwap', () => {
  it('swaps the two words of a two-word text whatever the seed', () => {
    const rs = randomSwap();
    for (let seed = 0; seed < 20; seed++) {
      expect(rs.run(tokenize('hello world!'), new Rng(seed)).output.text).toBe('world hello!');
    }
  });

  it('makes max(1, round(alpha * words)) swaps, keeps punctuation and the multiset of words', () => {
    const rs = randomSwap({ alpha: 0.3 });
    const doc = tokenize('one, two three; four five six seven eight nine ten.');
    const words = (text: string) => text.match(/\p{L}+/gu)?.sort();
    for (let seed = 0; seed < 30; seed++) {
      const { output, record } = rs.run(doc, new Rng(seed));
      expect(record.params.swaps).toHaveLength(3);
      expect(output.text.replace(/\p{L}+/gu, 'w')).toBe(doc.text.replace(/\p{L}+/gu, 'w'));
      expect(words(output.text)).toEqual(words(doc.text));
      expect(rs.apply(doc, JSON.parse(JSON.stringify(record.params)))).toEqual(output);
    }
  });

  it('leaves one word alone and terminates on repeated words', () => {
    const rs = randomSwap({ alpha: 1 });
    expect(rs.run(tokenize('alone.'), new Rng(1)).record.params.swaps).toEqual([]);
    const { output, record } = rs.run(tokenize('hello hello hello'), new Rng(1));
    expect(output.text).toBe('hello hello hello');
    expect(record.params.swaps).toHaveLength(3);
  });

  it('refuses to replay a swap onto punctuation', () => {
    expect(() => randomSwap().apply(tokenize('a, b'), { swaps: [[0, 1]] })).toThrow(/words/);
  });
});
