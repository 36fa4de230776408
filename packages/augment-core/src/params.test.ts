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
