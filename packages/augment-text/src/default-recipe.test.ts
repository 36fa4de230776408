import { buildRecipe, Rng } from '@manyviews/augment-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultTextRecipe } from './default-recipe.js';
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
