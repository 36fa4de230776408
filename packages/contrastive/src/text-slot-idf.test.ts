import { describe, expect, it } from 'vitest';
import { TextFeaturizer } from './text-featurizer.js';
import { fitSlotIdf } from './text-slot-idf.js';

const corpus = [
  'a small domesticated feline',
  'a large wild feline of africa',
  'a domesticated animal kept for milk',
  'a tool for cutting wood',
];

describe('fitSlotIdf', () => {
  it('gives each slot the smoothed IDF of the texts whose bag touches it', () => {
    const config = fitSlotIdf(corpus, { buckets: 1 << 12, charNgrams: [0, 0], wordNgrams: 1 });
    const plain = new TextFeaturizer({ buckets: 1 << 12, charNgrams: [0, 0], wordNgrams: 1 });
    const idf = (df: number) => Math.log((1 + corpus.length) / (1 + df)) + 1;

    expect(config.version).toBe(2);
    expect(config.slotWeights).toHaveLength(1 << 12);
    for (const slot of plain.features('a').indices) {
      expect(config.slotWeights![slot]).toBeCloseTo(idf(4), 3);
    }
    for (const slot of plain.features('wood').indices) {
      expect(config.slotWeights![slot]).toBeCloseTo(idf(1), 3);
    }
    const untouched = config.slotWeights!.filter((w) => Math.abs(w - idf(0)) < 1e-3).length;
    expect(untouched).toBeGreaterThan((1 << 12) - 40);
  });

  it('makes frequent words count for less than rare ones in a bag', () => {
    const options = { buckets: 1 << 12, charNgrams: [0, 0] as [number, number], wordNgrams: 1 };
    const weighted = new TextFeaturizer(fitSlotIdf(corpus, options));
    const plain = new TextFeaturizer(options);
    const share = (f: TextFeaturizer, word: string) => {
      const bag = new Float32Array(f.inputSize);
      f.writeDense('a wood', bag);
      const slots = new TextFeaturizer(options).features(word).indices;
      return Math.hypot(...Array.from(slots, (s) => bag[s]));
    };

    expect(share(plain, 'a')).toBeCloseTo(share(plain, 'wood'), 5);
    expect(share(weighted, 'a')).toBeLessThan(share(weighted, 'wood') * 0.75);
    expect(Math.hypot(...weighted.features('a wood').values)).toBeCloseTo(1, 5);
  });

  it('survives a JSON round trip, so a served model weighs texts as training did', () => {
    const config = fitSlotIdf(corpus, { buckets: 256 });
    const served = new TextFeaturizer(JSON.parse(JSON.stringify(config)));
    const trained = new TextFeaturizer(config);

    const text = 'a domesticated feline kept for milk';
    expect(Array.from(served.features(text).values)).toEqual(
      Array.from(trained.features(text).values),
    );
    expect(Array.from(served.dense([text]))).toEqual(Array.from(trained.dense([text])));
  });

  it('refuses an empty corpus', () => {
    expect(() => fitSlotIdf([])).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
  });
});

describe('TextFeaturizer version 2', () => {
  const weights = (n: number, w = 1) => Array.from({ length: n }, () => w);

  it('refuses slot weights in version 1 and their absence, misfit or bad values in 2', () => {
    const bad = expect.objectContaining({ code: 'INVALID_OPTION' });
    expect(() => new TextFeaturizer({ buckets: 16, slotWeights: weights(16) })).toThrow(bad);
    expect(() => new TextFeaturizer({ buckets: 16, version: 2 })).toThrow(bad);
    expect(() => new TextFeaturizer({ buckets: 16, version: 2, slotWeights: weights(8) })).toThrow(
      /16 weights/,
    );
    const zero = weights(16);
    zero[3] = 0;
    expect(() => new TextFeaturizer({ buckets: 16, version: 2, slotWeights: zero })).toThrow(
      /slotWeights\[3\]/,
    );
    expect(
      () => new TextFeaturizer({ version: 3 as unknown as 2, buckets: 16, slotWeights: zero }),
    ).toThrow(/version 1 or 2/);
  });

  it('with equal weights, gives version 1 bags', () => {
    const text = 'a small domesticated feline';
    const v1 = new TextFeaturizer({ buckets: 64 }).features(text);
    const v2 = new TextFeaturizer({ buckets: 64, version: 2, slotWeights: weights(64, 3) });
    const got = v2.features(text);
    expect(Array.from(got.indices)).toEqual(Array.from(v1.indices));
    for (const [i, v] of got.values.entries()) expect(v).toBeCloseTo(v1.values[i], 6);
  });
});
