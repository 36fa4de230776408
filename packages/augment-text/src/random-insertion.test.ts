import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { randomInsertion } from './random-insertion.js';
import { inMemorySynonyms } from './synonym-source.js';
import { tokenize, wordPositions } from './text-doc.js';

const synonyms = inMemorySynonyms({ cat: ['feline', 'true cat'], mat: ['rug'] });
const words = (text: string) => text.match(/\p{L}+/gu)?.sort();

describe('randomInsertion', () => {
  it('inserts n synonyms of the text’s words and nothing else, and replays', () => {
    const ri = randomInsertion({ alpha: 0.4, pos: 'none', synonyms });
    const doc = tokenize('The cat sat on the mat.');
    for (let seed = 0; seed < 40; seed++) {
      const { output, record } = ri.run(doc, new Rng(seed));
      expect(record.params.insertions).toHaveLength(2);
      for (const { word } of record.params.insertions) {
        expect(['feline', 'true cat', 'rug']).toContain(word);
      }
      // The output's words are the input's plus the inserted ones: nothing else changed.
      const inserted = record.params.insertions.flatMap((i) => i.word.split(' '));
      expect(words(output.text)).toEqual(words(`${doc.text} ${inserted.join(' ')}`));
      expect(output.text.endsWith('.')).toBe(true);
      expect(ri.apply(doc, JSON.parse(JSON.stringify(record.params)))).toEqual(output);
    }
  });

  it('puts one insertion in one of the word slots', () => {
    const ri = randomInsertion({
      alpha: 0.1,
      pos: 'none',
      synonyms: inMemorySynonyms({ dog: ['hound'] }),
    });
    const seen = new Set<string>();
    for (let seed = 0; seed < 60; seed++)
      seen.add(ri.run(tokenize('big dog.'), new Rng(seed)).output.text);
    expect([...seen].sort()).toEqual(['big dog hound.', 'big hound dog.', 'hound big dog.']);
  });

  it('inserts only before a word of the input or after its last word', () => {
    const ri = randomInsertion({ alpha: 1, pos: 'none', synonyms });
    const doc = tokenize('"cat," (mat) cat; mat!');
    const words = wordPositions(doc);
    const slots = new Set<number>();
    for (let seed = 0; seed < 30; seed++) {
      for (const { before } of ri.run(doc, new Rng(seed)).record.params.insertions) {
        expect([...words, words[words.length - 1] + 1]).toContain(before);
        slots.add(before);
      }
    }
    expect(slots.size).toBe(words.length + 1);
  });

  it('returns the input at once when no word has a synonym', () => {
    const ri = randomInsertion({ alpha: 1, pos: 'none', synonyms });
    for (const text of ['hello hello hello', 'the of and', 'one', '!', '']) {
      const doc = tokenize(text);
      const { output, record } = ri.run(doc, new Rng(0));
      expect(output.text).toBe(text);
      expect(record.params.insertions).toEqual([]);
    }
  });

  it('rejects a record that does not fit', () => {
    const ri = randomInsertion({ pos: 'none', synonyms });
    expect(() => ri.apply(tokenize('a'), { insertions: [{ before: 5, word: 'x' }] })).toThrow(
      /insertion index/,
    );
  });
});
