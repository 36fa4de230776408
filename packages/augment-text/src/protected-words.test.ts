import { describe, expect, it } from 'vitest';
import { naturalStopWords, protectionFor } from './protected-words.js';
import { tokenize } from './text-doc.js';

describe('protectionFor', () => {
  const tokens = tokenize('The Cat has 3 mp3 files, Alice!').tokens;

  it("protects stop words, numbers, words with digits, punctuation and the caller's list", () => {
    const isProtected = protectionFor({ protectedWords: ['ALICE'] });
    expect(tokens.filter((t) => !isProtected(t)).map((t) => t.text)).toEqual(['Cat', 'files']);
  });

  it('can let stop words through', () => {
    const isProtected = protectionFor({ stopWords: false });
    expect(tokens.filter((t) => !isProtected(t)).map((t) => t.text)).toEqual([
      'The',
      'Cat',
      'has',
      'files',
      'Alice',
    ]);
  });

  it("uses natural's list", () => {
    expect(naturalStopWords().has('the')).toBe(true);
    expect(naturalStopWords().has('cat')).toBe(false);
  });
});
