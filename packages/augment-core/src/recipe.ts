import { compose, oneOf, randomApply, someOf } from './combinators.js';
import { ManyViewsError, relocateError } from './errors.js';
import { type ParamSpecs, validateParams } from './params.js';
import type { Transform } from './transform.js';

/** The version of the recipe format this build reads and writes. */
export const RECIPE_VERSION = 1;

/** One step of a recipe: a registered transform or a combinator, as JSON. */
export type RecipeStep =
  | { type: 'compose'; transforms: RecipeStep[] }
  | { type: 'randomApply'; p: number; transform: RecipeStep }
  | { type: 'oneOf'; transforms: RecipeStep[]; weights?: number[] }
  | { type: 'someOf'; transforms: RecipeStep[]; range?: [number, number] }
  | { type: string; [option: string]: unknown };

/**
 * A pipeline as versioned JSON.
 *
 * @example
 * { "version": 1, "domain": "image", "name": "fashion-mnist",
 *   "pipeline": [{ "type": "randomResizedCrop", "size": 28 },
 *                { "type": "randomApply", "p": 0.8, "transform": { "type": "colorJitter" } }] }
 */
export interface Recipe {
  version: number;
  /** Which registry the steps belong to (`image`, `text`, `audio`). */
  domain: string;
  /** A short name for reports. */
  name?: string;
  /** Free text: what the recipe is for, where it comes from. */
  description?: string;
  /** Views drawn per example when training (default 2). */
  views?: number;
  /** The steps, applied in order. */
  pipeline: RecipeStep[];
}

/** How a registry builds one named transform from validated options. */
export interface TransformFactory<T> {
  /** One line for `--help` and docs. */
  description: string;
  params: ParamSpecs;
  create(options: Record<string, unknown>): Transform<T>;
}

/** Named transform factories of one domain. */
export interface Registry<T> {
  readonly domain: string;
  /** Registers a factory; throws `REGISTRY_DUPLICATE` when the name is taken. */
  register(name: string, factory: TransformFactory<T>): Registry<T>;
  get(name: string): TransformFactory<T> | undefined;
  names(): string[];
}

const COMBINATORS = new Set(['compose', 'randomApply', 'oneOf', 'someOf']);

/**
 * Makes an empty registry for a domain.
 *
 * @param domain the recipe `domain` this registry accepts
 */
export function createRegistry<T>(domain: string): Registry<T> {
  const factories = new Map<string, TransformFactory<T>>();
  const registry: Registry<T> = {
    domain,
    register(name, factory) {
      if (factories.has(name) || COMBINATORS.has(name)) {
        throw new ManyViewsError('REGISTRY_DUPLICATE', `transform "${name}" is already registered`);
      }
      factories.set(name, factory);
      return registry;
    },
    get: (name) => factories.get(name),
    names: () => [...factories.keys()].sort(),
  };
  return registry;
}

/** A built pipeline with its recipe, defaults filled in (the form to store beside a model). */
export interface BuiltRecipe<T> {
  transform: Transform<T>;
  recipe: Recipe;
}

/**
 * Builds a pipeline from a recipe, validating every field.
 *
 * @param input parsed JSON (or a JSON string)
 * @param registry the domain's transforms
 * @returns the pipeline and the normalised recipe
 * @throws {ManyViewsError} `RECIPE_INVALID` for a malformed document, `RECIPE_UNKNOWN_TRANSFORM`,
 *   `RECIPE_UNKNOWN_PARAM`, `RECIPE_MISSING_PARAM`, `RECIPE_INVALID_PARAM`; each names the field
 */
export function buildRecipe<T>(input: unknown, registry: Registry<T>): BuiltRecipe<T> {
  const doc = typeof input === 'string' ? parseJson(input) : input;
  if (!isObject(doc)) throw invalid('recipe', 'a JSON object', doc);

  const known = ['version', 'domain', 'name', 'description', 'views', 'pipeline'];
  for (const key of Object.keys(doc)) {
    if (!known.includes(key)) {
      throw new ManyViewsError('RECIPE_UNKNOWN_PARAM', `recipe.${key} is not a recipe field`, {
        expected: `one of ${known.join(', ')}`,
        received: key,
      });
    }
  }
  if (doc.version !== RECIPE_VERSION)
    throw invalid('recipe.version', `${RECIPE_VERSION}`, doc.version);
  if (doc.domain !== registry.domain) {
    throw invalid('recipe.domain', JSON.stringify(registry.domain), doc.domain);
  }
  const views = doc.views ?? 2;
  if (typeof views !== 'number' || !Number.isInteger(views) || views < 1 || views > 64) {
    throw invalid('recipe.views', 'an integer in [1, 64]', views);
  }
  if (!Array.isArray(doc.pipeline))
    throw invalid('recipe.pipeline', 'an array of steps', doc.pipeline);
  for (const key of ['name', 'description'] as const) {
    if (doc[key] !== undefined && typeof doc[key] !== 'string')
      throw invalid(`recipe.${key}`, 'a string', doc[key]);
  }

  const built = doc.pipeline.map((step, i) => buildStep(step, registry, `pipeline[${i}]`));
  const recipe: Recipe = {
    version: RECIPE_VERSION,
    domain: registry.domain,
    ...(doc.name === undefined ? {} : { name: doc.name as string }),
    ...(doc.description === undefined ? {} : { description: doc.description as string }),
    views,
    pipeline: built.map((b) => b.step),
  };
  return { transform: compose(built.map((b) => b.transform)), recipe };
}

function buildStep<T>(
  step: unknown,
  registry: Registry<T>,
  path: string,
): { transform: Transform<T>; step: RecipeStep } {
  if (!isObject(step) || typeof step.type !== 'string') {
    throw invalid(path, 'an object with a string "type"', step);
  }
  const type = step.type;

  const children = (key: string): Array<{ transform: Transform<T>; step: RecipeStep }> => {
    const list = step[key];
    if (!Array.isArray(list) || list.length === 0)
      throw invalid(`${path}.${key}`, 'a non-empty array of steps', list);
    return list.map((s, i) => buildStep(s, registry, `${path}.${key}[${i}]`));
  };

  switch (type) {
    case 'compose': {
      allowOnly(step, ['transforms'], path);
      const kids = children('transforms');
      return {
        transform: compose(kids.map((k) => k.transform)),
        step: { type, transforms: kids.map((k) => k.step) },
      };
    }
    case 'randomApply': {
      allowOnly(step, ['p', 'transform'], path);
      const { p } = validateParams({ p: { kind: 'number', min: 0, max: 1 } }, { p: step.p }, path);
      const kid = buildStep(step.transform, registry, `${path}.transform`);
      return {
        transform: randomApply(p as number, kid.transform),
        step: { type, p: p as number, transform: kid.step },
      };
    }
    case 'oneOf': {
      allowOnly(step, ['transforms', 'weights'], path);
      const kids = children('transforms');
      const { weights } = validateParams(
        {
          weights: {
            kind: 'numbers',
            min: 0,
            minLength: kids.length,
            maxLength: kids.length,
            default: kids.map(() => 1),
          },
        },
        { weights: step.weights },
        path,
      );
      return {
        transform: oneOf(
          kids.map((k) => k.transform),
          weights as number[],
        ),
        step: { type, transforms: kids.map((k) => k.step), weights: weights as number[] },
      };
    }
    case 'someOf': {
      allowOnly(step, ['transforms', 'range'], path);
      const kids = children('transforms');
      const { range } = validateParams(
        {
          range: {
            kind: 'range',
            integer: true,
            min: 0,
            max: kids.length,
            default: [1, kids.length],
          },
        },
        { range: step.range },
        path,
      );
      const r = range as [number, number];
      return {
        transform: someOf(
          kids.map((k) => k.transform),
          r,
        ),
        step: { type, transforms: kids.map((k) => k.step), range: r },
      };
    }
  }

  const factory = registry.get(type);
  if (!factory) {
    throw new ManyViewsError(
      'RECIPE_UNKNOWN_TRANSFORM',
      `${path}.type names no ${registry.domain} transform`,
      {
        expected: `one of ${[...COMBINATORS, ...registry.names()].join(', ')}`,
        received: type,
      },
    );
  }
  const options = validateParams(factory.params, step, path, ['type']);
  return { transform: createAt(factory, options, type, path), step: { type, ...options } };
}

// A factory's own checks across fields (an even kernel, magnitude >= bins) name the field as
// `type.field`; the recipe's user needs the step's place, as every other recipe error gives.
function createAt<T>(
  factory: TransformFactory<T>,
  options: Record<string, unknown>,
  type: string,
  path: string,
): Transform<T> {
  try {
    return factory.create(options);
  } catch (error) {
    if (error instanceof ManyViewsError && error.code.startsWith('RECIPE_')) {
      throw relocateError(error, type, path);
    }
    throw error;
  }
}

function allowOnly(step: Record<string, unknown>, keys: string[], path: string): void {
  for (const key of Object.keys(step)) {
    if (key !== 'type' && !keys.includes(key)) {
      throw new ManyViewsError(
        'RECIPE_UNKNOWN_PARAM',
        `${path}.${key} is not an option of ${String(step.type)}`,
        {
          expected: `one of ${keys.join(', ')}`,
          received: key,
        },
      );
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new ManyViewsError('RECIPE_INVALID', 'the recipe is not valid JSON', {
      cause,
      received: text,
    });
  }
}

function invalid(field: string, expected: string, received: unknown): ManyViewsError {
  return new ManyViewsError('RECIPE_INVALID', `${field} is invalid`, {
    expected,
    received: received === undefined ? 'nothing' : received,
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
