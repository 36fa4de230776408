import { describe, expect, it } from 'vitest';
import { applySpan, spanLength, wordSpan } from './span.js';
import { tokenize, wordPositions } from './text-doc.js';

describe('spanLength', () => {
  it('follows floor(p * (hi - lo) + lo) with both bounds capped at the text', () => {
    expect(spanLength(0, 100, 32, 512)).toBe(32);
    expect(spanLength(0.5, 100, 32, 512)).toBe(66);
    expect(spanLength(0.999, 100, 32, 512)).toBe(99);
    expect(spanLength(0.5, 10, 32, 512)).toBe(10);
    expect(spanLength(0, 1, 4, 8)).toBe(1);
  });
});

describe('wordSpan and applySpan', () => {
  const doc = tokenize(' The (big) cat, sat.\n');
  const words = wordPositions(doc);

  it('takes the attached punctuation at both ends', () => {
    expect(applySpan('t', doc, wordSpan(doc, words, 1, 1)).text).toBe('(big)');
    expect(applySpan('t', doc, wordSpan(doc, words, 2, 2)).text).toBe('cat, sat.\n');
    expect(applySpan('t', doc, wordSpan(doc, words, 0, 2)).text).toBe(' The (big)');
  });

  it('is the document itself when the span covers it, and checks the record', () => {
    expect(applySpan('t', doc, { start: 0, end: doc.tokens.length })).toBe(doc);
    expect(() => applySpan('t', doc, { start: 2, end: 2 })).toThrow(/span/);
    expect(() => applySpan('t', doc, { start: 0, end: 99 })).toThrow(/span/);
  });
});
