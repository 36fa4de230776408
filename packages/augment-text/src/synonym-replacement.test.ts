import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import type { PosTagger } from './pos-tagger.js';
import { synonymReplacement } from './synonym-replacement.js';
import { inMemorySynonyms } from './synonym-source.js';
import { tokenize } from './text-doc.js';

const synonyms = inMemorySynonyms({
  quick: ['fast'],
  fox: ['vixen'],
  dog: ['domestic dog'],
  the: ['thee'],
  run: { v: ['sprint'], n: ['tally'] },
});

describe('synonymReplacement', () => {
  it('replaces every word that has a synonym when alpha asks for more, in its case', () => {
    const sr = synonymReplacement({ alpha: 1, pos: 'none', synonyms });
    const { output } = sr.run(tokenize('The Quick fox saw 3 DOGS and a dog.'), new Rng(1));
    expect(output.text).toBe('The Fast vixen saw 3 DOGS and a domestic dog.');
  });

  it('replaces max(1, round(alpha * words)) words, and replays its record', () => {
    const sr = synonymReplacement({ alpha: 0.25, pos: 'none', synonyms });
    const doc = tokenize('quick fox, quick dog, quick fox, quick dog.');
    for (let seed = 0; seed < 50; seed++) {
      const { output, record } = sr.run(doc, new Rng(seed));
      expect(record.params.replacements).toHaveLength(2);
      expect(sr.apply(doc, JSON.parse(JSON.stringify(record.params)))).toEqual(output);
      const changed = output.tokens.filter((t, i) => t.text !== doc.tokens[i]?.text);
      expect(changed.length).toBeGreaterThanOrEqual(1);
    }
  });

  it('never replaces stop words, numbers or protected words', () => {
    const sr = synonymReplacement({
      alpha: 1,
      pos: 'none',
      synonyms,
      protectedWords: ['Fox'],
    });
    for (let seed = 0; seed < 30; seed++) {
      const out = sr.run(tokenize('the quick fox and the dog'), new Rng(seed)).output.text;
      expect(out).toBe('the fast fox and the domestic dog');
    }
    const noStops = synonymReplacement({ alpha: 1, pos: 'none', stopWords: false, synonyms });
    expect(noStops.run(tokenize('the fox'), new Rng(0)).output.text).toBe('thee vixen');
  });

  it('looks synonyms up in the tagged part of speech', () => {
    const tagger: PosTagger = { tag: (words) => words.map((w) => (w === 'run' ? 'v' : 'n')) };
    const sr = synonymReplacement({ alpha: 1, synonyms, tagger });
    expect(sr.run(tokenize('I run'), new Rng(0)).output.text).toBe('I sprint');

    const brill = synonymReplacement({ alpha: 1, synonyms, stopWords: false });
    expect(brill.run(tokenize('they run home'), new Rng(0)).output.text).toBe('they sprint home');
    expect(brill.run(tokenize('the run was long'), new Rng(0)).output.text).toBe(
      'the tally was long',
    );
  });

  it('returns the input itself when no word has a synonym', () => {
    const sr = synonymReplacement({ synonyms, pos: 'none' });
    for (const text of ['hello hello hello', 'the and of', 'x', '']) {
      const doc = tokenize(text);
      expect(sr.run(doc, new Rng(2)).output).toBe(doc);
    }
  });

  it('checks its options and records', () => {
    expect(() => synonymReplacement({ alpha: 2, synonyms })).toThrow(/synonymReplacement\.alpha/);
    expect(() => synonymReplacement({ pos: 'x' as 'none', synonyms })).toThrow(/pos/);
    const sr = synonymReplacement({ synonyms, pos: 'none' });
    expect(() => sr.apply(tokenize('a'), { replacements: [{ token: 4, word: 'b' }] })).toThrow(
      /INVALID_RECORD|cannot be replayed/,
    );
  });
});
