import { describe, expect, it } from 'vitest';
import { tokenize } from './text-doc.js';
import { insertWords, matchCase, removeTokens, replaceTokens } from './token-edits.js';

describe('removeTokens', () => {
  it('closes the gap so the text still reads', () => {
    const doc = tokenize('the cat sat.');
    expect(removeTokens(doc, new Set([1])).text).toBe('the sat.');
    expect(removeTokens(doc, new Set([2])).text).toBe('the cat.');
    expect(removeTokens(doc, new Set([0])).text).toBe('cat sat.');
    expect(removeTokens(doc, new Set([0, 1])).text).toBe('sat.');
  });

  it('keeps paragraph breaks and the original document untouched', () => {
    const doc = tokenize('one two\n\nthree four');
    expect(removeTokens(doc, new Set([1])).text).toBe('one\n\nthree four');
    expect(removeTokens(doc, new Set([2])).text).toBe('one two\n\nfour');
    expect(doc.text).toBe('one two\n\nthree four');
    expect(doc.tokens[0].ws).toBe(' ');
  });
});

describe('insertWords', () => {
  it('inserts before a token, at the start and before final punctuation', () => {
    const doc = tokenize('the cat.');
    const one = (before: number, words: string[]) => insertWords(doc, [{ before, words }]).text;
    expect(one(1, ['big'])).toBe('the big cat.');
    expect(one(0, ['so'])).toBe('so the cat.');
    expect(one(2, ['feline'])).toBe('the cat feline.');
    expect(one(3, ['x'])).toBe('the cat. x');
    expect(one(1, ['domestic', 'cat'])).toBe('the domestic cat cat.');
  });

  it('moves a line break after the inserted word', () => {
    expect(insertWords(tokenize('a\nb'), [{ before: 1, words: ['new'] }]).text).toBe('a new\nb');
  });

  it('applies several insertions in one pass, in list order at one place', () => {
    const doc = tokenize('a b.');
    const out = insertWords(doc, [
      { before: 2, words: ['x'] },
      { before: 0, words: ['y'] },
      { before: 2, words: ['z', 'w'] },
    ]);
    expect(out.text).toBe('y a b x z w.');
  });
});

describe('replaceTokens', () => {
  it('splits a collocation into word tokens and keeps the whitespace after', () => {
    const doc = replaceTokens(tokenize('a cat, here'), new Map([[1, 'domestic cat']]));
    expect(doc.text).toBe('a domestic cat, here');
    expect(doc.tokens.map((t) => t.text)).toEqual(['a', 'domestic', 'cat', ',', 'here']);
  });
});

describe('matchCase', () => {
  it('copies all-capitals and a leading capital, else keeps the replacement', () => {
    expect(matchCase('CAT', 'true cat')).toBe('TRUE CAT');
    expect(matchCase('Cat', 'feline')).toBe('Feline');
    expect(matchCase('cat', 'Felis catus')).toBe('Felis catus');
    expect(matchCase('I', 'ego')).toBe('Ego');
  });
});
