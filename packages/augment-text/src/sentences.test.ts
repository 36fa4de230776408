import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentences.js';
import { detokenize, tokenize } from './text-doc.js';

function sentences(text: string): string[] {
  const doc = tokenize(text);
  return splitSentences(doc).map(([s, e]) =>
    detokenize({ lead: '', tokens: doc.tokens.slice(s, e) }),
  );
}

describe('splitSentences', () => {
  it('splits after terminal punctuation with closing quotes, and at line breaks', () => {
    expect(sentences('One. Two! Three?! "Four." (Five.) Six')).toEqual([
      'One. ',
      'Two! ',
      'Three?! ',
      '"Four." ',
      '(Five.) ',
      'Six',
    ]);
    expect(sentences('heading\nbody text. more')).toEqual(['heading\n', 'body text. ', 'more']);
    expect(sentences('日本語です。中文！好')).toEqual(['日本語です。', '中文！', '好']);
  });

  it("does not split after natural's abbreviations, initials, decimals or joined stops", () => {
    expect(sentences('Dr. Smith met J. Doe, e.g. at 3.5 pm.Then left. Done.')).toEqual([
      'Dr. Smith met J. Doe, e.g. at 3.5 pm.Then left. ',
      'Done.',
    ]);
  });

  it('covers every token, and has none for an empty text', () => {
    const doc = tokenize('  A b. C d.  ');
    const ranges = splitSentences(doc);
    expect(ranges).toEqual([
      [0, 3],
      [3, 6],
    ]);
    expect(splitSentences(tokenize('   '))).toEqual([]);
  });
});
