/**
 * The example comparison specs stay runnable: each parses, its variants expand, and every
 * recipe it generates is valid for its dataset (checked before any data is read).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCompareSpec } from '../packages/cli/src/compare/compare-spec.js';
import { expandRecipes } from '../packages/cli/src/compare/run-compare.js';
import { datasetByName } from '../packages/cli/src/domains/registry.js';

const dir = fileURLToPath(new URL('../examples/', import.meta.url));
const specs = readdirSync(dir).filter((f) => f.startsWith('compare-') && f.endsWith('.json'));

describe('example comparison specs', () => {
  it('are there, one per domain and one across domains', () => {
    expect(specs).toEqual(
      expect.arrayContaining([
        'compare-fashion-mnist.json',
        'compare-text.json',
        'compare-audio.json',
        'compare-cross-domain.json',
      ]),
    );
  });

  it.each(specs)('%s parses and all its recipes are valid', (file) => {
    const spec = parseCompareSpec(JSON.parse(readFileSync(`${dir}${file}`, 'utf8')));
    for (const domain of spec.domains) {
      const dataset = datasetByName(domain.dataset);
      const recipes = expandRecipes(domain, dataset);
      expect(recipes.length).toBeGreaterThan(0);
      for (const r of recipes) dataset.checkRecipe(r.recipe);
    }
  });
});
