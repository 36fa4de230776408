import { describe, expect, it } from 'vitest';
import { brillTagger, pennToWordNet } from './pos-tagger.js';

describe('pennToWordNet', () => {
  it('maps content tags and drops proper nouns and function words', () => {
    expect(['NN', 'NNS', 'N', 'VB', 'VBZ', 'JJ', 'JJR', 'RB', 'RBS'].map(pennToWordNet)).toEqual([
      'n',
      'n',
      'n',
      'v',
      'v',
      'a',
      'a',
      'r',
      'r',
    ]);
    expect(['NNP', 'NNPS', 'DT', 'IN', 'CD', '.'].map(pennToWordNet)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('brillTagger', () => {
  it("tags with natural's Brill tagger and is shared", () => {
    const tagger = brillTagger();
    expect(tagger.tag(['the', 'lazy', 'dog', 'runs', 'quickly'])).toEqual([
      undefined,
      'a',
      'n',
      'v',
      'r',
    ]);
    expect(tagger.tag([])).toEqual([]);
    expect(brillTagger()).toBe(tagger);
  });
});
