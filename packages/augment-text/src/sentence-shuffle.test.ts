import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { sentenceShuffle } from './sentence-shuffle.js';
import { tokenize } from './text-doc.js';

describe('sentenceShuffle', () => {
  it('reorders sentences and keeps the whitespace between them in place', () => {
    const shuffle = sentenceShuffle();
    const doc = tokenize(' A one. B two!\n\nC three? ');
    const seen = new Set<string>();
    for (let seed = 0; seed < 60; seed++) {
      const { output, record } = shuffle.run(doc, new Rng(seed));
      expect(output.text.startsWith(' ')).toBe(true);
      expect(output.text.endsWith(' ')).toBe(true);
      expect(output.text.match(/\n\n/g)).toHaveLength(1);
      expect(shuffle.apply(doc, record.params)).toEqual(output);
      seen.add(output.text);
    }
    expect(seen.size).toBe(6);
    expect(seen).toContain(' C three? A one.\n\nB two! ');
  });

  it('leaves one sentence alone and checks the record', () => {
    const doc = tokenize('just one sentence here');
    expect(sentenceShuffle().run(doc, new Rng(1)).output).toBe(doc);
    expect(() => sentenceShuffle().apply(doc, { order: [1, 0] })).toThrow(/permutation/);
    expect(() => sentenceShuffle({ p: 1 } as never)).toThrow(/sentenceShuffle\.p/);
  });
});
