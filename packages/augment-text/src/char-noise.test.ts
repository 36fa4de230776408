import { Rng, type Transform } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { charDelete } from './char-delete.js';
import type { CharEditParams } from './char-edits.js';
import { charInsert } from './char-insert.js';
import { charSwap } from './char-swap.js';
import { keyboardNeighbours } from './keyboard.js';
import { keyboardTypo } from './keyboard-typo.js';
import { type TextDoc, tokenize } from './text-doc.js';

const doc = tokenize('The quick brown fox jumps over the lazy dog, twice: 2 times!');

/** Runs a transform on many seeds: edited words differ from the input, the rest is untouched. */
function check(
  t: Transform<TextDoc, CharEditParams>,
  expectEdit: (before: string, after: string, edit: CharEditParams['edits'][number]) => void,
): void {
  for (let seed = 0; seed < 40; seed++) {
    const { output, record } = t.run(doc, new Rng(seed));
    expect(t.apply(doc, JSON.parse(JSON.stringify(record.params)))).toEqual(output);
    const edited = new Set(record.params.edits.map((e) => e.token));
    expect(output.tokens).toHaveLength(doc.tokens.length);
    output.tokens.forEach((tok, i) => {
      expect(tok.ws).toBe(doc.tokens[i].ws);
      if (!edited.has(i)) expect(tok.text).toBe(doc.tokens[i].text);
    });
    for (const e of record.params.edits) {
      expect(doc.tokens[e.token].kind).toBe('word');
      expect(doc.tokens[e.token].text.length).toBeGreaterThanOrEqual(3);
      expectEdit(doc.tokens[e.token].text, output.tokens[e.token].text, e);
    }
  }
}

describe('character noise', () => {
  it('keyboardTypo swaps one character for a touching key', () => {
    check(keyboardTypo({ p: 0.2 }), (before, after, e) => {
      expect(after).toHaveLength(before.length);
      expect(keyboardNeighbours(before[e.at])).toContain(after[e.at]);
      expect(after.slice(0, e.at) + after.slice(e.at + 1)).toBe(
        before.slice(0, e.at) + before.slice(e.at + 1),
      );
    });
    // 9 eligible words (3+ letters), p 0.2 -> round(1.8) = 2 edits.
    expect(keyboardTypo({ p: 0.2 }).run(doc, new Rng(0)).record.params.edits).toHaveLength(2);
  });

  it('charSwap swaps two different neighbours', () => {
    check(charSwap({ p: 0.5 }), (before, after, e) => {
      expect(after).not.toBe(before);
      expect(after[e.at]).toBe(before[e.at + 1]);
      expect(after[e.at + 1]).toBe(before[e.at]);
    });
    expect(charSwap({ p: 1 }).run(tokenize('aaa zzz'), new Rng(0)).output.text).toBe('aaa zzz');
  });

  it('charInsert adds one character, a neighbour of the one it follows', () => {
    check(charInsert({ p: 0.5 }), (before, after, e) => {
      expect(after).toHaveLength(before.length + 1);
      expect(after.slice(0, e.at) + after.slice(e.at + 1)).toBe(before);
      expect(keyboardNeighbours(before[e.at === 0 ? 0 : e.at - 1])).toContain(e.char);
    });
  });

  it('charDelete removes one character and no word', () => {
    check(charDelete({ p: 1, minLength: 1 }), (before, after, e) => {
      expect(after).toBe(before.slice(0, e.at) + before.slice(e.at + 1));
      expect(after.length).toBeGreaterThan(0);
    });
    expect(charDelete({ p: 1, minLength: 1 }).run(tokenize('a I'), new Rng(0)).output.text).toBe(
      'a I',
    );
  });

  it('edits code points, never half a surrogate pair', () => {
    const emoji = tokenize('𝒜𝒷𝒸 naïve');
    for (let seed = 0; seed < 20; seed++) {
      const out = charDelete({ p: 1 }).run(emoji, new Rng(seed)).output.text;
      // encodeURIComponent throws on a lone surrogate.
      expect(() => encodeURIComponent(out)).not.toThrow();
      expect(Array.from(out)).toHaveLength(7);
    }
  });

  it('leaves a text without eligible words alone and validates options', () => {
    const short = tokenize('a b, 123 !');
    expect(keyboardTypo({ p: 1 }).run(short, new Rng(0)).output).toBe(short);
    expect(() => charSwap({ minLength: 0 })).toThrow(/charSwap\.minLength/);
    expect(() => charDelete().apply(doc, { edits: [{ token: 1, at: 40 }] })).toThrow(
      /character position/,
    );
  });
});
