import { buildRecipe, Rng } from '@manyviews/augment-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultTextRecipe, wordDropoutRecipe } from './default-recipe.js';
import { makeViews } from './make-views.js';
import { textRegistry } from './registry.js';
import { tokenize } from './text-doc.js';
import { loadWordNet } from './wordnet.js';
import { readWordNetGlosses } from './wordnet-glosses.js';

describe('defaultTextRecipe on real WordNet glosses', () => {
  const glosses: string[] = [];

  beforeAll(async () => {
    await loadWordNet();
    for await (const g of readWordNetGlosses({ split: 'test' })) {
      glosses.push(g.text);
      if (glosses.length === 200) break;
    }
  });

  it('builds as it is written: every default already spelled out', () => {
    const { recipe } = buildRecipe(defaultTextRecipe, textRegistry);
    expect(recipe).toEqual(defaultTextRecipe);
  });

  it('makes two views per gloss that replay, mostly differ from the gloss, and keep words', () => {
    const { transform } = buildRecipe(defaultTextRecipe, textRegistry);
    const root = new Rng(11);
    let changed = 0;
    glosses.forEach((text, i) => {
      const views = makeViews(text, transform, root.fork(0, i), 2);
      expect(views).toHaveLength(2);
      for (const v of views) {
        expect(
          transform.apply(tokenize(text), JSON.parse(JSON.stringify(v.record)).params),
        ).toEqual(v.output);
        expect(v.output.text.trim()).not.toBe('');
        if (v.output.text !== text) changed++;
      }
    });
    // Random deletion at 0.1 leaves short glosses whole now and then; the rest always edit.
    expect(changed / (2 * glosses.length)).toBeGreaterThan(0.85);
  });
});

describe('wordDropoutRecipe', () => {
  it('builds as it is written, and each view keeps half of the words', () => {
    const { recipe, transform } = buildRecipe(wordDropoutRecipe, textRegistry);
    expect(recipe).toEqual(wordDropoutRecipe);
    const text = 'a small domesticated feline kept as a pet or for catching mice';
    const views = makeViews(text, transform, new Rng(3).fork(0, 1), 2);
    const words = (t: string) => t.split(/\s+/).filter((w) => w !== '');
    for (const v of views) {
      expect(words(v.output.text)).toHaveLength(6);
      expect(transform.apply(tokenize(text), v.record.params)).toEqual(v.output);
    }
    expect(views[0].output.text).not.toBe(views[1].output.text);
  });
});
