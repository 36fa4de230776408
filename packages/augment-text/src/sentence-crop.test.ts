import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { sentenceCrop } from './sentence-crop.js';
import { splitSentences } from './sentences.js';
import { tokenize } from './text-doc.js';

describe('sentenceCrop', () => {
  const text = 'S0 a. S1 b. S2 c. S3 d. S4 e. S5 f. S6 g. S7 h. S8 i. S9 j.';

  it('keeps round(f * S) consecutive sentences with f in the range', () => {
    const crop = sentenceCrop({ fraction: [0.3, 0.3] });
    const doc = tokenize(text);
    for (let seed = 0; seed < 30; seed++) {
      const { output, record } = crop.run(doc, new Rng(seed));
      expect(splitSentences(output)).toHaveLength(3);
      expect(text).toContain(output.text);
      const numbers = [...output.text.matchAll(/S(\d)/g)].map((m) => Number(m[1]));
      expect(numbers).toEqual([numbers[0], numbers[0] + 1, numbers[0] + 2]);
      expect(crop.apply(doc, record.params)).toEqual(output);
    }
  });

  it('never empties a text and keeps one sentence whole', () => {
    const crop = sentenceCrop({ fraction: [0, 0] });
    expect(splitSentences(crop.run(tokenize(text), new Rng(2)).output)).toHaveLength(1);
    const one = tokenize('only one');
    expect(crop.run(one, new Rng(2)).output).toBe(one);
    expect(() => sentenceCrop({ fraction: [0.5, 2] })).toThrow(/sentenceCrop\.fraction/);
  });
});
