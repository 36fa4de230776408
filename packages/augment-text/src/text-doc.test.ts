import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { detokenize, makeDoc, toDoc, tokenize, wordPositions } from './text-doc.js';

const TRICKY = [
  '',
  ' ',
  '\n\n',
  'hello',
  '  leading and trailing  ',
  "Don't stop -- it's 3.14, not 1,000!",
  'multiple   spaces\tand\ttabs',
  'line one\nline two\r\nline three\n\n\nparagraph',
  'naïve café, ÉCOLE; straße',
  'e\u0301 combining accent and \u00a0no-break space',
  'emoji 👩‍👩‍👧 family, flags 🇫🇷 and ✨sparkles✨',
  '日本語のテキスト。中文，标点！',
  'Wait... what?! "Quoted." (parens) [brackets] {braces}',
  'COVID-19 in the 1990s, 3rd place; e-mail me at a@b.co',
  'rock-and-roll’s l’homme O\u2019Brien',
  '\ufeffbyte order mark',
  'lone surrogate \ud800 here',
];

describe('tokenize', () => {
  it('round-trips every tricky input exactly', () => {
    for (const text of TRICKY) {
      const doc = tokenize(text);
      expect(doc.text).toBe(text);
      expect(detokenize(doc)).toBe(text);
      for (const t of doc.tokens) {
        expect(t.text).not.toBe('');
        expect(t.text).not.toMatch(/\s/);
        expect(t.ws).toMatch(/^\s*$/);
      }
    }
  });

  it('round-trips random strings over letters, marks, digits, punctuation and whitespace', () => {
    const alphabet = [...'ab Z9.,!?\'’-_ \n\t\u00a0é\u0301日👍()"', '\r\n', '...'];
    const rng = new Rng(5);
    for (let k = 0; k < 300; k++) {
      let s = '';
      const n = rng.int(0, 40);
      for (let i = 0; i < n; i++) s += rng.pick(alphabet);
      expect(detokenize(tokenize(s))).toBe(s);
    }
  });

  it('keeps contractions, hyphenated words and numbers whole, and punctuation runs together', () => {
    const doc = tokenize("Don't  re-enter 1,000.5 rooms... ok?!");
    expect(doc.tokens.map((t) => [t.text, t.kind])).toEqual([
      ["Don't", 'word'],
      ['re-enter', 'word'],
      ['1,000.5', 'number'],
      ['rooms', 'word'],
      ['...', 'punct'],
      ['ok', 'word'],
      ['?', 'punct'],
      ['!', 'punct'],
    ]);
    expect(doc.tokens[0].ws).toBe('  ');
    expect(doc.tokens[4].ws).toBe(' ');
    expect(doc.tokens[5].ws).toBe('');
  });

  it('puts leading whitespace in lead and trailing whitespace on the last token', () => {
    const doc = tokenize('\n  two words \n');
    expect(doc.lead).toBe('\n  ');
    expect(doc.tokens.map((t) => t.ws)).toEqual([' ', ' \n']);
    expect(tokenize('   ').lead).toBe('   ');
    expect(tokenize('   ').tokens).toEqual([]);
  });

  it('finds word positions past punctuation', () => {
    expect(wordPositions(tokenize('"Hi," she said 2 times.'))).toEqual([1, 4, 5, 6, 7]);
  });

  it('rejects what is not text', () => {
    expect(() => tokenize(42 as unknown as string)).toThrow(/INVALID_TEXT|needs a string/);
    expect(() => toDoc({ text: 'x' } as never)).toThrow(/TextDoc/);
    expect(toDoc('a b').tokens).toHaveLength(2);
  });

  it('makeDoc computes the text from tokens', () => {
    const doc = makeDoc(' ', [
      { text: 'a', ws: '\n', kind: 'word' },
      { text: '!', ws: '', kind: 'punct' },
    ]);
    expect(doc.text).toBe(' a\n!');
  });
});
