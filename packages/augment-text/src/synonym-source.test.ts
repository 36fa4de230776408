import { describe, expect, it } from 'vitest';
import { inMemorySynonyms } from './synonym-source.js';

describe('inMemorySynonyms', () => {
  const source = inMemorySynonyms({
    Quick: ['fast', 'speedy', 'fast', 'quick'],
    run: { v: ['sprint', 'dash'], n: ['tally'] },
  });

  it('looks words up case-insensitively, without duplicates or the word itself', () => {
    expect(source.synonyms('QUICK')).toEqual(['fast', 'speedy']);
    expect(source.synonyms('quick', 'v')).toEqual(['fast', 'speedy']);
    expect(source.synonyms('slow')).toEqual([]);
  });

  it('restricts per-part-of-speech entries to the part asked for', () => {
    expect(source.synonyms('run', 'v')).toEqual(['sprint', 'dash']);
    expect(source.synonyms('run', 'n')).toEqual(['tally']);
    expect(source.synonyms('run', 'a')).toEqual([]);
    expect(source.synonyms('run')).toEqual(['tally', 'sprint', 'dash']);
  });
});
