import { describe, expect, it } from 'vitest';
import { ManyViewsError } from './errors.js';
import { buildRecipe, createRegistry } from './recipe.js';
import { Rng } from './rng.js';
import { defineTransform } from './transform.js';

const registry = createRegistry<number>('number').register('shift', {
  description: 'adds a random integer',
  params: { range: { kind: 'range', min: -10, max: 10, default: [0, 3] } },
  create: (options) => {
    const [lo, hi] = options.range as [number, number];
    return defineTransform({
      name: 'shift',
      options,
      sample: (_x: number, rng) => rng.int(lo, hi),
      apply: (x, d: number) => x + d,
    });
  },
});

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof ManyViewsError ? `${e.code}: ${e.message}` : String(e);
  }
  return undefined;
}

describe('buildRecipe', () => {
  it('builds a pipeline, fills defaults, and round-trips through JSON', () => {
    const { transform, recipe } = buildRecipe(
      {
        version: 1,
        domain: 'number',
        pipeline: [
          { type: 'shift' },
          { type: 'randomApply', p: 1, transform: { type: 'shift', range: [5, 5] } },
        ],
      },
      registry,
    );
    expect(recipe.pipeline[0]).toEqual({ type: 'shift', range: [0, 3] });
    expect(recipe.views).toBe(2);
    const again = buildRecipe(JSON.stringify(recipe), registry);
    expect(again.recipe).toEqual(recipe);
    const a = transform.run(0, new Rng(4)).output;
    expect(again.transform.run(0, new Rng(4)).output).toBe(a);
    expect(a).toBeGreaterThanOrEqual(5);
  });

  it('names the field of every bad input', () => {
    const base = { version: 1, domain: 'number' };
    expect(codeOf(() => buildRecipe({ ...base, pipeline: [{ type: 'nope' }] }, registry))).toMatch(
      /^RECIPE_UNKNOWN_TRANSFORM: pipeline\[0\]\.type .*received "nope"/,
    );
    expect(
      codeOf(() => buildRecipe({ ...base, pipeline: [{ type: 'shift', rang: [1, 2] }] }, registry)),
    ).toMatch(/^RECIPE_UNKNOWN_PARAM: pipeline\[0\]\.rang/);
    expect(
      codeOf(() =>
        buildRecipe({ ...base, pipeline: [{ type: 'shift', range: [3, 1] }] }, registry),
      ),
    ).toMatch(/^RECIPE_INVALID_PARAM: pipeline\[0\]\.range .*received \[3, 1\]/);
    expect(
      codeOf(() =>
        buildRecipe(
          { ...base, pipeline: [{ type: 'randomApply', p: 2, transform: { type: 'shift' } }] },
          registry,
        ),
      ),
    ).toMatch(/^RECIPE_INVALID_PARAM: pipeline\[0\]\.p .*\[0, 1\].*received 2/);
    expect(
      codeOf(() =>
        buildRecipe(
          { ...base, pipeline: [{ type: 'oneOf', transforms: [{ type: 'x' }] }] },
          registry,
        ),
      ),
    ).toMatch(/pipeline\[0\]\.transforms\[0\]\.type/);
    expect(codeOf(() => buildRecipe({ ...base, version: 2, pipeline: [] }, registry))).toMatch(
      /^RECIPE_INVALID: recipe\.version/,
    );
    expect(codeOf(() => buildRecipe({ ...base, domain: 'image', pipeline: [] }, registry))).toMatch(
      /recipe\.domain/,
    );
    expect(codeOf(() => buildRecipe('{not json', registry))).toMatch(/^RECIPE_INVALID: .*JSON/);
    expect(codeOf(() => buildRecipe({ ...base, pipeline: [], extra: 1 }, registry))).toMatch(
      /recipe\.extra/,
    );
  });

  it("names a factory's own check by the step's place, keeping code, expected and received", () => {
    const registry = createRegistry<number>('n');
    registry.register('odd', {
      description: 'needs an odd k',
      params: { k: { kind: 'integer', default: 1 } },
      create: (o) => {
        if ((o.k as number) % 2 === 0) {
          throw new ManyViewsError('RECIPE_INVALID_PARAM', 'odd.k is out of range', {
            expected: 'an odd integer',
            received: o.k,
          });
        }
        if ((o.k as number) > 100) throw new ManyViewsError('RECIPE_INVALID_PARAM', 'too big');
        return defineTransform({ name: 'odd', sample: () => null, apply: (x: number) => x });
      },
    });
    const error = (pipeline: unknown[]) => {
      try {
        buildRecipe({ version: 1, domain: 'n', pipeline }, registry);
      } catch (e) {
        return e as ManyViewsError;
      }
      throw new Error('built');
    };
    const flat = error([{ type: 'odd' }, { type: 'odd', k: 4 }]);
    expect(flat.message).toBe(
      'pipeline[1].k is out of range (expected an odd integer, received 4)',
    );
    expect([flat.code, flat.expected, flat.received]).toEqual([
      'RECIPE_INVALID_PARAM',
      'an odd integer',
      '4',
    ]);
    expect(flat.cause).toBeInstanceOf(ManyViewsError);
    const nested = error([{ type: 'oneOf', transforms: [{ type: 'odd' }, { type: 'odd', k: 2 }] }]);
    expect(nested.message).toMatch(/^pipeline\[0\]\.transforms\[1\]\.k is out of range/);
    expect(error([{ type: 'odd', k: 101 }]).message).toBe('pipeline[0]: too big');
  });
});
