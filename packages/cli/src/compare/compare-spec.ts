import { ManyViewsError, type Recipe } from '@manyviews/augment-core';

/** How a spec names the recipes of a domain: a full recipe, or variants generated from one. */
export type RecipeEntry =
  /** `views` overrides the recipe's views per example (the RBM's M is views - 1). */
  | { name: string; recipe: Recipe | 'default'; views?: number }
  /** Each top-level transform removed in turn (the base itself is also run). */
  | { variants: 'drop-one'; of: string }
  /** Each pair of top-level transforms alone, as in SimCLR's composition study (Chen et al. 2020, fig. 5). */
  | { variants: 'pairs'; of: string }
  /** One option of one transform set to each value in turn. */
  | { variants: 'strength'; of: string; transform: string; option: string; values: number[] };

/** One domain of a comparison: its dataset and what is held fixed across its recipes. */
export interface DomainSpec {
  dataset: string;
  /** Heading of this group in the report (default: the dataset); lets one dataset appear with several objectives. */
  label?: string;
  /** Train on the first N examples (default: all). */
  limit?: number;
  /** Evaluate against the first N train and test examples (defaults: 20000 and 2000). */
  bankLimit?: number;
  testLimit?: number;
  batchSize?: number;
  learningRate?: number;
  objective?: { name: string; [option: string]: unknown };
  /** Encoder name the dataset offers (default: its first). */
  encoder?: string;
  recipes: RecipeEntry[];
}

/** A comparison: domains, recipes, one objective and encoder per domain, and one budget. */
export interface CompareSpec {
  version: 1;
  name: string;
  seed: number;
  /** The same for every cell: a number of training steps, or of minutes of training. */
  budget: { steps: number } | { minutes: number };
  domains: DomainSpec[];
}

/**
 * Checks a parsed spec and fills defaults.
 *
 * @throws {ManyViewsError} `COMPARE_SPEC_INVALID` naming the field, what was expected and what came
 */
export function parseCompareSpec(input: unknown): CompareSpec {
  const spec = asObject(input, 'spec');
  if (spec.version !== 1) fail('spec.version', '1', spec.version);
  if (typeof spec.name !== 'string' || !/^[\w.-]{1,80}$/.test(spec.name)) {
    fail('spec.name', 'a name of letters, digits, dots, dashes or underscores', spec.name);
  }
  const seed = spec.seed ?? 0;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0)
    fail('spec.seed', 'an integer >= 0', seed);

  const budget = asObject(spec.budget, 'spec.budget');
  const keys = Object.keys(budget);
  const okSteps = keys.length === 1 && keys[0] === 'steps' && isPositiveInteger(budget.steps);
  const okMinutes =
    keys.length === 1 &&
    keys[0] === 'minutes' &&
    typeof budget.minutes === 'number' &&
    budget.minutes > 0;
  if (!okSteps && !okMinutes) fail('spec.budget', '{ "steps": N } or { "minutes": M }', budget);

  if (!Array.isArray(spec.domains) || spec.domains.length === 0)
    fail('spec.domains', 'a non-empty array', spec.domains);
  const domains = (spec.domains as unknown[]).map((d, i) => parseDomain(d, `spec.domains[${i}]`));
  return {
    version: 1,
    name: spec.name as string,
    seed: seed as number,
    budget: budget as CompareSpec['budget'],
    domains,
  };
}

function parseDomain(input: unknown, path: string): DomainSpec {
  const d = asObject(input, path);
  const known = [
    'dataset',
    'label',
    'limit',
    'bankLimit',
    'testLimit',
    'batchSize',
    'learningRate',
    'objective',
    'encoder',
    'recipes',
  ];
  for (const key of Object.keys(d))
    if (!known.includes(key)) fail(`${path}.${key}`, `one of ${known.join(', ')}`, key);
  if (typeof d.dataset !== 'string') fail(`${path}.dataset`, 'a dataset name', d.dataset);
  if (
    d.label !== undefined &&
    (typeof d.label !== 'string' || !/^[\w.+=() -]{1,80}$/.test(d.label))
  ) {
    fail(`${path}.label`, 'a short heading', d.label);
  }
  for (const key of ['limit', 'bankLimit', 'testLimit', 'batchSize'] as const) {
    if (d[key] !== undefined && !isPositiveInteger(d[key]))
      fail(`${path}.${key}`, 'an integer >= 1', d[key]);
  }
  if (d.learningRate !== undefined && !(typeof d.learningRate === 'number' && d.learningRate > 0)) {
    fail(`${path}.learningRate`, 'a number > 0', d.learningRate);
  }
  if (
    d.objective !== undefined &&
    typeof asObject(d.objective, `${path}.objective`).name !== 'string'
  ) {
    fail(
      `${path}.objective.name`,
      'an objective name',
      (d.objective as Record<string, unknown>).name,
    );
  }
  if (!Array.isArray(d.recipes) || d.recipes.length === 0)
    fail(`${path}.recipes`, 'a non-empty array', d.recipes);
  const recipes = (d.recipes as unknown[]).map((r, i) =>
    parseRecipeEntry(r, `${path}.recipes[${i}]`),
  );
  return { ...(d as unknown as DomainSpec), recipes };
}

function parseRecipeEntry(input: unknown, path: string): RecipeEntry {
  const r = asObject(input, path);
  if ('variants' in r) {
    if (!['drop-one', 'pairs', 'strength'].includes(r.variants as string)) {
      fail(`${path}.variants`, '"drop-one", "pairs" or "strength"', r.variants);
    }
    if (typeof r.of !== 'string') fail(`${path}.of`, 'the name of a recipe listed before', r.of);
    if (r.variants === 'strength') {
      if (typeof r.transform !== 'string')
        fail(`${path}.transform`, 'a transform type', r.transform);
      if (typeof r.option !== 'string') fail(`${path}.option`, 'an option name', r.option);
      if (
        !Array.isArray(r.values) ||
        r.values.length === 0 ||
        !r.values.every((v) => typeof v === 'number')
      ) {
        fail(`${path}.values`, 'a non-empty list of numbers', r.values);
      }
    }
    return r as unknown as RecipeEntry;
  }
  if (typeof r.name !== 'string' || !/^[\w.+-]{1,80}$/.test(r.name))
    fail(`${path}.name`, 'a short name', r.name);
  if (r.views !== undefined && !(isPositiveInteger(r.views) && (r.views as number) >= 2)) {
    fail(`${path}.views`, 'an integer >= 2', r.views);
  }
  if (r.recipe !== 'default' && (typeof r.recipe !== 'object' || r.recipe === null)) {
    fail(`${path}.recipe`, '"default" or a recipe object', r.recipe);
  }
  return r as unknown as RecipeEntry;
}

function asObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail(path, 'an object', value);
  return value as Record<string, unknown>;
}

function isPositiveInteger(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1;
}

function fail(field: string, expected: string, received: unknown): never {
  throw new ManyViewsError('COMPARE_SPEC_INVALID', `${field} is invalid`, {
    expected,
    received: received === undefined ? 'nothing' : received,
  });
}
