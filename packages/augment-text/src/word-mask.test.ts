import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { tokenize } from './text-doc.js';
import { wordMask } from './word-mask.js';

describe('wordMask', () => {
  it('masks exactly max(1, round(p * words)) words with the mask token', () => {
    const doc = tokenize('one two three four five six seven eight nine ten.');
    const { output, record } = wordMask({ p: 0.2, mask: '<mask>' }).run(doc, new Rng(4));
    expect(record.params.masked).toHaveLength(2);
    expect(output.text.match(/<mask>/g)).toHaveLength(2);
    expect(output.tokens.filter((t) => t.kind === 'mask')).toHaveLength(2);
    expect(output.text.split(' ')).toHaveLength(10);
  });

  it('leaves one word visible, and does not mask masks again', () => {
    const mask = wordMask({ p: 1 });
    const once = mask.run(tokenize('a b c d'), new Rng(1)).output;
    expect(once.text.match(/\[MASK\]/g)).toHaveLength(3);
    const twice = mask.run(once, new Rng(2));
    expect(twice.output.text).toBe(once.text);
    expect(twice.record.params.masked).toEqual([]);
  });

  it('rejects a mask token recipes cannot name', () => {
    expect(() => wordMask({ mask: '##' as '_' })).toThrow(/wordMask\.mask/);
  });
});
