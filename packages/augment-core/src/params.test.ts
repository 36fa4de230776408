import { describe, expect, it } from 'vitest';
import type { ManyViewsError } from './errors.js';
import { type ParamSpecs, validateParams } from './params.js';
import { buildRecipe, createRegistry } from './recipe.js';
import { defineTransform } from './transform.js';

const specs: ParamSpecs = { p: { kind: 'number', min: 0, max: 1, default: 0.5 } };

// Names every plain object inherits from Object.prototype, and `__proto__`, which JSON.parse
// makes an own key.
const INHERITED = ['toString', 'constructor', 'valueOf', 'hasOwnProperty', '__proto__'];

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as ManyViewsError).code;
  }
  return undefined;
}

describe('validateParams takes own options only', () => {
  it.each(INHERITED)('refuses a key named %s', (key) => {
    const input = JSON.parse(`{"p": 0.3, ${JSON.stringify(key)}: 1}`);
    expect(Object.keys(input)).toContain(key);
    expect(() => validateParams(specs, input, 'pipeline[0]')).toThrow(
      `pipeline[0].${key} is not an option here`,
    );
    expect(codeOf(() => validateParams(specs, input, 'pipeline[0]'))).toBe('RECIPE_UNKNOWN_PARAM');
  });

  it('a recipe step with such a key is refused, through JSON text or an object', () => {
    const registry = createRegistry<number>('n');
    registry.register('gain', {
      description: 'scale',
      params: specs,
      create: () =>
        defineTransform({ name: 'gain', sample: () => null, apply: (x: number) => x * 2 }),
    });
    for (const key of INHERITED) {
      const text = `{"version": 1, "domain": "n", "pipeline": [{"type": "gain", "${key}": 1}]}`;
      expect(
        codeOf(() => buildRecipe(text, registry)),
        key,
      ).toBe('RECIPE_UNKNOWN_PARAM');
      expect(
        codeOf(() => buildRecipe(JSON.parse(text), registry)),
        key,
      ).toBe('RECIPE_UNKNOWN_PARAM');
    }
    const top = '{"version": 1, "domain": "n", "pipeline": [], "__proto__": {"views": 3}}';
    expect(codeOf(() => buildRecipe(top, registry))).toBe('RECIPE_UNKNOWN_PARAM');
  });

  it('a missing option takes its default, never an inherited value', () => {
    const withToString: ParamSpecs = JSON.parse('{"toString": {"kind": "number", "default": 4}}');
    expect(validateParams(withToString, {}, 'x')).toEqual({ toString: 4 });
  });
});

describe('integer ranges', () => {
  const quality: ParamSpecs = { q: { kind: 'range', integer: true, min: 1, max: 100 } };

  it('refuse ends that are not integers, naming the field', () => {
    for (const q of [[30.5, 90], [30, 90.5], 40.5]) {
      expect(() => validateParams(quality, { q }, 'pipeline[3]')).toThrow(
        /pipeline\[3\]\.q .*\[lo, hi\] integers/,
      );
    }
    expect(validateParams(quality, { q: [30, 90] }, 'x')).toEqual({ q: [30, 90] });
    expect(validateParams(quality, { q: 7 }, 'x')).toEqual({ q: [7, 7] });
  });

  it("someOf's range is one", () => {
    const registry = createRegistry<number>('n');
    registry.register('gain', {
      description: 'scale',
      params: {},
      create: () =>
        defineTransform({ name: 'gain', sample: () => null, apply: (x: number) => x * 2 }),
    });
    const step = {
      type: 'someOf',
      transforms: [{ type: 'gain' }, { type: 'gain' }],
      range: [0.5, 2],
    };
    expect(codeOf(() => buildRecipe({ version: 1, domain: 'n', pipeline: [step] }, registry))).toBe(
      'RECIPE_INVALID_PARAM',
    );
  });
});
