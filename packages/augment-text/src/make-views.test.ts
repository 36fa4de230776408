import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { makeViews } from './make-views.js';
import { randomSwap } from './random-swap.js';
import { tokenize } from './text-doc.js';

describe('makeViews', () => {
  const swap = randomSwap({ alpha: 0.2 });

  it('delivers exactly n views, each replayable', () => {
    for (const n of [0, 1, 2, 7]) {
      const views = makeViews('the quick brown fox jumps', swap, new Rng(3), n);
      expect(views).toHaveLength(n);
      for (const v of views)
        expect(swap.apply(tokenize('the quick brown fox jumps'), v.record.params as never)).toEqual(
          v.output,
        );
    }
  });

  it('draws view i from rng.fork(i), whatever n is', () => {
    const two = makeViews('a b c d e f', swap, new Rng(5), 2);
    const five = makeViews('a b c d e f', swap, new Rng(5), 5);
    expect(five[1]).toEqual(two[1]);
    expect(two[0]).toEqual(swap.run(tokenize('a b c d e f'), new Rng(5).fork(0)));
  });

  it('delivers n views of texts no transform can change, with or without retries', () => {
    for (const text of ['hello', 'hello hello hello', '', '!!!']) {
      const views = makeViews(text, randomSwap({ alpha: 1 }), new Rng(1), 4, { retries: 5 });
      expect(views.map((v) => v.output.text)).toEqual([text, text, text, text]);
    }
  });

  it('redraws repeats when asked, so short texts get distinct views', () => {
    const text = 'red green blue';
    // One swap of three words reaches three texts, all different from the input.
    let repeats = 0;
    for (let seed = 0; seed < 20; seed++) {
      const once = makeViews(text, swap, new Rng(seed), 3).map((v) => v.output.text);
      const retried = makeViews(text, swap, new Rng(seed), 3, { retries: 30 });
      expect(new Set(retried.map((v) => v.output.text)).size).toBe(3);
      if (new Set(once).size < 3) repeats++;
    }
    expect(repeats).toBeGreaterThan(5);
  });

  it('rejects a bad count', () => {
    expect(() => makeViews('a', swap, new Rng(1), -1)).toThrow(/makeViews: n/);
    expect(() => makeViews('a', swap, new Rng(1), 1.5)).toThrow(/integer >= 0/);
    expect(() => makeViews('a', swap, new Rng(1), 1, { retries: -2 })).toThrow(/retries/);
  });
});
