import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { tokenize, wordPositions } from './text-doc.js';
import { wordDropout } from './word-dropout.js';

describe('wordDropout', () => {
  it('drops exactly max(1, round(p * words)) words, never all', () => {
    const doc = tokenize('one two three four five six seven eight nine ten.');
    for (let seed = 0; seed < 20; seed++) {
      const { output, record } = wordDropout({ p: 0.3 }).run(doc, new Rng(seed));
      expect(record.params.dropped).toHaveLength(3);
      expect(wordPositions(output)).toHaveLength(7);
      expect(output.text.endsWith('.')).toBe(true);
      expect(wordDropout({ p: 0.3 }).apply(doc, record.params)).toEqual(output);
    }
    expect(wordPositions(wordDropout({ p: 1 }).run(doc, new Rng(1)).output)).toHaveLength(1);
    expect(wordDropout({ p: 1 }).run(tokenize('solo'), new Rng(1)).output.text).toBe('solo');
    expect(
      wordDropout({ p: 0.01 }).run(tokenize('a b'), new Rng(1)).record.params.dropped,
    ).toHaveLength(1);
  });
});
