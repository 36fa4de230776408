import { defaultFashionMnistRecipe } from '@manyviews/augment-image';
import { describe, expect, it } from 'vitest';
import { parseCompareSpec } from './compare-spec.js';
import { dropOneVariants, pairVariants, strengthVariants } from './recipe-variants.js';

const base = {
  version: 1,
  name: 'x',
  seed: 0,
  budget: { steps: 5 },
  domains: [{ dataset: 'fashion-mnist', recipes: [{ name: 'default', recipe: 'default' }] }],
};

describe('parseCompareSpec', () => {
  it('accepts a spec and fills the seed', () => {
    const { seed, ...rest } = base;
    expect(parseCompareSpec(rest).seed).toBe(0);
    expect(parseCompareSpec(base).budget).toEqual({ steps: 5 });
  });

  it('names the field of every bad input', () => {
    const bad: Array<[unknown, RegExp]> = [
      [{ ...base, version: 2 }, /spec\.version/],
      [{ ...base, budget: { steps: 0 } }, /spec\.budget/],
      [{ ...base, budget: { steps: 5, minutes: 1 } }, /spec\.budget/],
      [{ ...base, domains: [] }, /spec\.domains/],
      [
        { ...base, domains: [{ dataset: 'fashion-mnist', recipes: [], extra: 1 }] },
        /spec\.domains\[0\]\.extra/,
      ],
      [
        {
          ...base,
          domains: [{ dataset: 'fashion-mnist', recipes: [{ variants: 'halves', of: 'default' }] }],
        },
        /recipes\[0\]\.variants/,
      ],
      [
        {
          ...base,
          domains: [
            {
              dataset: 'fashion-mnist',
              recipes: [{ variants: 'strength', of: 'd', transform: 'x', option: 'y', values: [] }],
            },
          ],
        },
        /recipes\[0\]\.values/,
      ],
      [
        {
          ...base,
          domains: [
            { dataset: 'fashion-mnist', limit: 1.5, recipes: [{ name: 'a', recipe: 'default' }] },
          ],
        },
        /domains\[0\]\.limit/,
      ],
      [{ ...base, name: 'has space' }, /spec\.name/],
    ];
    for (const [spec, field] of bad) {
      expect(() => parseCompareSpec(spec)).toThrow(
        expect.objectContaining({
          code: 'COMPARE_SPEC_INVALID',
          message: expect.stringMatching(field),
        }),
      );
    }
  });
});

describe('expandRecipes', () => {
  it('refuses two listed recipes of one name, but runs a variant equal to a listed recipe once', async () => {
    const { expandRecipes } = await import('./run-compare.js');
    const { datasetByName } = await import('../domains/registry.js');
    const dataset = datasetByName('fashion-mnist');
    const twice = {
      dataset: 'fashion-mnist',
      recipes: [
        { name: 'd', recipe: 'default' as const },
        { name: 'd', recipe: 'default' as const },
      ],
    };
    expect(() => expandRecipes(twice, dataset)).toThrow(
      expect.objectContaining({
        code: 'COMPARE_SPEC_INVALID',
        message: expect.stringMatching(/named d/),
      }),
    );
    const withVariant = {
      dataset: 'fashion-mnist',
      recipes: [
        { name: 'default', recipe: 'default' as const },
        {
          variants: 'strength' as const,
          of: 'default',
          transform: 'rotation',
          option: 'degrees',
          values: [10, 10],
        },
      ],
    };
    expect(expandRecipes(withVariant, dataset).map((r) => r.name)).toEqual([
      'default',
      'default-rotation.degrees=10',
    ]);
  });
});

describe('recipe variants', () => {
  const named = { name: 'default', recipe: defaultFashionMnistRecipe };
  const augmenting = defaultFashionMnistRecipe.pipeline.filter(
    (s) => s.type !== 'normalize',
  ).length;

  it('drop-one removes each augmenting step once and keeps normalisation', () => {
    const variants = dropOneVariants(named);
    expect(variants).toHaveLength(augmenting);
    for (const v of variants) {
      expect(v.recipe.pipeline).toHaveLength(defaultFashionMnistRecipe.pipeline.length - 1);
      expect(v.recipe.pipeline.at(-1)?.type).toBe('normalize');
    }
    expect(variants.map((v) => v.name)).toContain('default-no-randomResizedCrop');
  });

  it('pairs keep two augmenting steps (one on the diagonal) plus normalisation', () => {
    const variants = pairVariants(named);
    expect(variants).toHaveLength((augmenting * (augmenting + 1)) / 2);
    const only = variants.find((v) => v.name === 'only-horizontalFlip')!;
    expect(only.recipe.pipeline.map((s) => s.type)).toEqual(['horizontalFlip', 'normalize']);
    expect(only.pair).toEqual(['horizontalFlip', 'horizontalFlip']);
  });

  it('strength sets an option inside randomApply too, and refuses a missing transform', () => {
    const variants = strengthVariants(named, 'colorJitter', 'brightness', [0, 0.8]);
    const jitter = (r: (typeof variants)[0]) => JSON.stringify(r.recipe.pipeline);
    expect(jitter(variants[0])).toMatch(/"brightness":0[,}]/);
    expect(jitter(variants[1])).toMatch(/"brightness":0.8/);
    expect(() => strengthVariants(named, 'solarize', 'threshold', [0.5])).toThrow(
      /no solarize step/,
    );
  });
});
