import { ManyViewsError, type Recipe, type RecipeStep } from '@manyviews/augment-core';

/** A recipe to compare, with the name it gets in the report. */
export interface NamedRecipe {
  name: string;
  recipe: Recipe;
  /** For pair variants: the two transforms kept (rows and columns of the heat map). */
  pair?: [string, string];
}

/** Steps that prepare inputs rather than augment them: kept in every variant. */
const DETERMINISTIC = new Set(['normalize', 'resize', 'toGray', 'logMel', 'cropOrPad']);

/** The transform a step applies, looking through `randomApply` (its name in the report). */
export function stepName(step: RecipeStep): string {
  if (step.type === 'randomApply') return stepName((step as { transform: RecipeStep }).transform);
  return step.type;
}

function isAugmentation(step: RecipeStep): boolean {
  return !DETERMINISTIC.has(stepName(step));
}

/**
 * The base recipe with each augmenting top-level step removed in turn.
 *
 * @returns one recipe per augmenting step, named `<base>-no-<transform>`
 */
export function dropOneVariants(base: NamedRecipe): NamedRecipe[] {
  const steps = base.recipe.pipeline;
  return steps.flatMap((step, i) =>
    isAugmentation(step)
      ? [
          {
            name: `${base.name}-no-${stepName(step)}`,
            recipe: { ...base.recipe, pipeline: steps.filter((_, j) => j !== i) },
          },
        ]
      : [],
  );
}

/**
 * Every pair of the base's augmenting steps alone (the diagonal: each step alone), keeping the
 * preparation steps, as in SimCLR's study of composed augmentations.
 */
export function pairVariants(base: NamedRecipe): NamedRecipe[] {
  const steps = base.recipe.pipeline;
  const augment = steps.map((s, i) => ({ s, i })).filter(({ s }) => isAugmentation(s));
  const out: NamedRecipe[] = [];
  for (let a = 0; a < augment.length; a++) {
    for (let b = a; b < augment.length; b++) {
      const keep = new Set([augment[a].i, augment[b].i]);
      const pipeline = steps.filter((s, i) => keep.has(i) || !isAugmentation(s));
      const names: [string, string] = [stepName(augment[a].s), stepName(augment[b].s)];
      out.push({
        name: a === b ? `only-${names[0]}` : `${names[0]}+${names[1]}`,
        recipe: { ...base.recipe, pipeline },
        pair: names,
      });
    }
  }
  return out;
}

/**
 * The base recipe with `option` of every `transform` step set to each of `values`.
 *
 * @throws {ManyViewsError} `COMPARE_SPEC_INVALID` when the base has no such transform
 */
export function strengthVariants(
  base: NamedRecipe,
  transform: string,
  option: string,
  values: number[],
): NamedRecipe[] {
  let found = false;
  // Looks through every combinator, so a transform inside randomApply or oneOf is found too.
  const set = (step: RecipeStep, value: number): RecipeStep => {
    const node = step as Record<string, unknown>;
    if (step.type === transform) {
      found = true;
      return { ...step, [option]: value } as RecipeStep;
    }
    if (node.transform)
      return { ...step, transform: set(node.transform as RecipeStep, value) } as RecipeStep;
    if (Array.isArray(node.transforms)) {
      return {
        ...step,
        transforms: (node.transforms as RecipeStep[]).map((t) => set(t, value)),
      } as RecipeStep;
    }
    return step;
  };
  const out = values.map((value) => ({
    name: `${base.name}-${transform}.${option}=${value}`,
    recipe: { ...base.recipe, pipeline: base.recipe.pipeline.map((s) => set(s, value)) },
  }));
  if (!found) {
    throw new ManyViewsError(
      'COMPARE_SPEC_INVALID',
      `recipe ${base.name} has no ${transform} step to vary`,
      {
        expected: `one of ${base.recipe.pipeline.map(stepName).join(', ')}`,
        received: transform,
      },
    );
  }
  return out;
}
