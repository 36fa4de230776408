import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { applySpanPair, sampleSpanPair } from './span-pair.js';
import { tokenize } from './text-doc.js';

describe('sampleSpanPair', () => {
  it('draws a positive that overlaps, touches or nests in the anchor, and replays', () => {
    const doc = tokenize(Array.from({ length: 60 }, (_, i) => `w${i}x`).join(' '));
    const kinds = new Set<string>();
    for (let seed = 0; seed < 300; seed++) {
      const { anchor, positive, params } = sampleSpanPair(doc, new Rng(seed), {
        anchor: { minWords: 4, maxWords: 40 },
        positive: { minWords: 2, maxWords: 40 },
      });
      const a = params.anchor;
      const p = params.positive;
      expect(p.start <= a.end && p.end >= a.start).toBe(true);
      if (p.start >= a.start && p.end <= a.end) kinds.add('subsumed');
      else if (p.end === a.start || p.start === a.end) kinds.add('adjacent');
      else kinds.add('overlapping');
      expect(applySpanPair(doc, params)).toEqual({ anchor, positive });
    }
    expect([...kinds].sort()).toEqual(['adjacent', 'overlapping', 'subsumed']);
  });

  it('gives the whole text to both on a text shorter than the minimum', () => {
    const doc = tokenize('a short one');
    const { anchor, positive } = sampleSpanPair(doc, new Rng(1));
    expect(anchor).toBe(doc);
    expect(positive).toBe(doc);
  });
});
