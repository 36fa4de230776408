import type { ManyViewsError } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { buildMultiView } from './multi-view.js';
import { buildImagePipeline } from './registry.js';

function errorOf(fn: () => unknown): ManyViewsError {
  try {
    fn();
  } catch (e) {
    return e as ManyViewsError;
  }
  throw new Error('no error');
}

const flip = { type: 'horizontalFlip' };

// Each step's own cross-field check, at position 1 of a recipe, and inside a combinator.
const CASES: Array<[Record<string, unknown>, string, unknown]> = [
  [{ type: 'pad', padding: [1, 2, 3] }, 'padding', '[1, 2, 3]'],
  [{ type: 'randAugment', magnitude: 31 }, 'magnitude', '31'],
  [{ type: 'gaussianBlur', kernelSize: 4 }, 'kernelSize', '4'],
  [{ type: 'gaussianBlur', kernelSize: 5, kernelFraction: 0.1 }, 'kernelFraction', '0.1'],
  [{ type: 'normalize', mean: [0.5, 0.5], std: [0.5] }, 'mean', '[0.5, 0.5]'],
  [{ type: 'normalize', mean: [0.5], std: [1, 1] }, 'std', '[1, 1]'],
  [{ type: 'normalize', mean: [0, 0, 0], std: [1, 1, 1, 1] }, 'std', '[1, 1, 1, 1]'],
];

describe('errors of a step name its place in the recipe', () => {
  it.each(CASES)('%o names pipeline[1].%s', (step, field, received) => {
    const e = errorOf(() =>
      buildImagePipeline({ version: 1, domain: 'image', pipeline: [flip, step] }),
    );
    expect(e.code).toBe('RECIPE_INVALID_PARAM');
    expect(e.message).toMatch(new RegExp(`^pipeline\\[1\\]\\.${field} `));
    expect(e.received).toBe(received);
    expect(e.expected).toBeTruthy();

    const nested = errorOf(() =>
      buildImagePipeline({
        version: 1,
        domain: 'image',
        pipeline: [{ type: 'randomApply', p: 0.5, transform: step }],
      }),
    );
    expect(nested.message).toMatch(new RegExp(`^pipeline\\[0\\]\\.transform\\.${field} `));

    const multi = errorOf(() =>
      buildMultiView({ version: 1, domain: 'image', pipelines: [[flip], [flip, step]] }),
    );
    expect(multi.message).toMatch(new RegExp(`^pipelines\\[1\\]\\.pipeline\\[1\\]\\.${field} `));
    expect(multi.received).toBe(received);
  });

  it('a normalize with lists of 1, 3 or 4 still builds', () => {
    for (const mean of [[0.5], [0.5, 0.5, 0.5], [0.5, 0.5, 0.5, 0.5]]) {
      const pipeline = [{ type: 'normalize', mean, std: [0.5] }];
      expect(() => buildImagePipeline({ version: 1, domain: 'image', pipeline })).not.toThrow();
    }
  });

  it("a multi-view recipe's own fields are named as recipe.field", () => {
    const views = errorOf(() =>
      buildMultiView({ version: 1, domain: 'image', views: 0, pipelines: [[flip]] }),
    );
    expect(views.message).toMatch(/^recipe\.views is invalid/);
    const version = errorOf(() => buildMultiView({ version: 2, domain: 'image', pipelines: [[]] }));
    expect(version.message).toMatch(/^recipe\.version is invalid/);
    const steps = errorOf(() =>
      buildMultiView({ version: 1, domain: 'image', pipelines: [[flip], 'flip'] }),
    );
    expect(steps.message).toMatch(/^recipe\.pipelines\[1\] is invalid/);
  });
});
