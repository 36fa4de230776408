import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { spanCrop } from './span-crop.js';
import { tokenize, wordPositions } from './text-doc.js';

const text = Array.from({ length: 40 }, (_, i) => `w${i}x`).join(' ');

describe('spanCrop', () => {
  it('keeps a contiguous run of the text, its length within the bounds', () => {
    const crop = spanCrop({ minWords: 5, maxWords: 30 });
    const doc = tokenize(text);
    for (let seed = 0; seed < 50; seed++) {
      const { output, record } = crop.run(doc, new Rng(seed));
      const n = wordPositions(output).length;
      expect(n).toBeGreaterThanOrEqual(5);
      expect(n).toBeLessThanOrEqual(30);
      expect(text).toContain(output.text);
      expect(crop.apply(doc, record.params)).toEqual(output);
    }
  });

  it('skews long with Beta(4, 2) and short with Beta(2, 4)', () => {
    const doc = tokenize(text);
    const average = (alpha: number, beta: number) => {
      const crop = spanCrop({ alpha, beta, minWords: 1, maxWords: 40 });
      let s = 0;
      for (let seed = 0; seed < 300; seed++) {
        s += wordPositions(crop.run(doc, new Rng(seed)).output).length;
      }
      return s / 300;
    };
    // floor(p * 39 + 1) with E[p] = 2/3 and 1/3.
    expect(average(4, 2)).toBeGreaterThan(24);
    expect(average(4, 2)).toBeLessThan(28);
    expect(average(2, 4)).toBeGreaterThan(11);
    expect(average(2, 4)).toBeLessThan(15);
  });

  it('keeps a text shorter than minWords whole, and rejects maxWords below minWords', () => {
    const doc = tokenize('too short.');
    expect(spanCrop().run(doc, new Rng(1)).output).toBe(doc);
    expect(spanCrop().run(tokenize('!?'), new Rng(1)).output.text).toBe('!?');
    expect(() => spanCrop({ minWords: 8, maxWords: 4 })).toThrow(/spanCrop\.maxWords/);
  });
});
