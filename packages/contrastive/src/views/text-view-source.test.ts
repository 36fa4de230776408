import type { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { TextViewSource } from './text-view-source.js';
import type { ViewBatch } from './view-source.js';

const texts = Array.from({ length: 40 }, (_, i) => `gloss number ${i} about a cat or dog ${i % 3}`);

/** Drops one seeded word per view: enough to make views differ by seed. */
const augment = (text: string, rng: Rng, n: number) =>
  Array.from({ length: n }, (_, v) => {
    const words = text.split(' ');
    words.splice(rng.fork(v).int(0, words.length - 1), 1);
    return words.join(' ');
  });

const source = (seed = 7) =>
  new TextViewSource({ texts, augment, featurizer: { buckets: 256 }, seed, batchSize: 8 });

async function collect(s: TextViewSource, epochs: number, from = 0): Promise<ViewBatch[]> {
  const out: ViewBatch[] = [];
  for await (const b of s.batches(epochs, from)) out.push(b);
  return out;
}

describe('TextViewSource', () => {
  it('yields full view-major batches of dense bags', async () => {
    const s = source();
    expect(s.stepsPerEpoch).toBe(5);
    const [first] = await collect(s, 1);
    expect(first).toMatchObject({ epoch: 0, step: 0, size: 8, views: 2, inputShape: [256] });
    expect(first.data.length).toBe(2 * 8 * 256);
    const row = (v: number, r: number) =>
      first.data.subarray((v * 8 + r) * 256, (v * 8 + r + 1) * 256);
    expect(Math.hypot(...row(1, 3))).toBeCloseTo(1, 5);
    expect(Array.from(row(0, 3))).not.toEqual(Array.from(row(1, 3)));
  });

  it('depends only on the seed: two sources agree, another seed differs', async () => {
    const a = await collect(source(), 2);
    const b = await collect(source(), 2);
    expect(a.map((x) => Array.from(x.data))).toEqual(b.map((x) => Array.from(x.data)));
    const c = await collect(source(8), 1);
    expect(Array.from(c[0].data)).not.toEqual(Array.from(a[0].data));
  });

  it('resumed at step k, yields exactly the straight run from k on', async () => {
    const straight = await collect(source(), 2);
    const resumed = await collect(source(), 2, 7);
    expect(resumed.map((b) => b.step)).toEqual([7, 8, 9]);
    expect(resumed.map((b) => Array.from(b.data))).toEqual(
      straight.slice(7).map((b) => Array.from(b.data)),
    );
  });

  it('refuses a batch larger than the data and fewer than two views', () => {
    expect(
      () => new TextViewSource({ texts, augment, featurizer: {}, seed: 0, batchSize: 41 }),
    ).toThrow(/batchSize/);
    expect(
      () => new TextViewSource({ texts, augment, featurizer: {}, seed: 0, batchSize: 8, views: 1 }),
    ).toThrow(/views/);
  });
});
