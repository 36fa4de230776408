import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { randomDeletion } from './random-deletion.js';
import { tokenize, wordPositions } from './text-doc.js';

describe('randomDeletion', () => {
  it('never deletes every word: at alpha 1 exactly one survives', () => {
    const rd = randomDeletion({ alpha: 1 });
    const doc = tokenize('the quick brown fox jumps.');
    const survivors = new Set<string>();
    for (let seed = 0; seed < 60; seed++) {
      const { output, record } = rd.run(doc, new Rng(seed));
      expect(wordPositions(output)).toHaveLength(1);
      expect(output.text.endsWith('.')).toBe(true);
      survivors.add(output.text);
      expect(rd.apply(doc, record.params)).toEqual(output);
    }
    expect(survivors.size).toBe(5);
  });

  it('keeps a one-word text whole, and alpha 0 is the identity', () => {
    expect(randomDeletion({ alpha: 1 }).run(tokenize('hello!'), new Rng(3)).output.text).toBe(
      'hello!',
    );
    const doc = tokenize('a b c');
    expect(randomDeletion({ alpha: 0 }).run(doc, new Rng(3)).output).toBe(doc);
  });

  it('deletes about alpha of the words', () => {
    const rd = randomDeletion({ alpha: 0.3 });
    const doc = tokenize(Array.from({ length: 50 }, (_, i) => `w${i}x`).join(' '));
    let deleted = 0;
    for (let seed = 0; seed < 40; seed++)
      deleted += rd.run(doc, new Rng(seed)).record.params.deleted.length;
    expect(deleted / (40 * 50)).toBeGreaterThan(0.25);
    expect(deleted / (40 * 50)).toBeLessThan(0.35);
  });
});
