import {
  type AppliedRecord,
  badRecord,
  buildRecipe,
  ManyViewsError,
  RECIPE_VERSION,
  type Recipe,
  type RecipeStep,
  type Rng,
  relocateError,
  type Transform,
} from '@manyviews/augment-core';
import { PixelArena, withArena } from './pixel-arena.js';
import { assertImage, type RawImage } from './raw-image.js';
import { imageRegistry } from './registry.js';

/**
 * A recipe with one pipeline per view, as JSON: view `i` comes from `pipelines[i % n]` (BYOL's
 * two asymmetric views). `views` defaults to the number of pipelines.
 */
export interface MultiViewRecipe {
  version: number;
  domain: string;
  name?: string;
  description?: string;
  views?: number;
  pipelines: RecipeStep[][];
}

/** The views of one example and what each drew. */
export interface MultiViewResult {
  views: RawImage[];
  records: AppliedRecord[];
}

/** Several pipelines drawing the views of one example; see {@link multiView}. */
export interface MultiView {
  /** Views drawn per example. */
  readonly views: number;
  /** The pipelines, view `i` from `pipelines[i % pipelines.length]`. */
  readonly pipelines: readonly Transform<RawImage>[];
  /** Draws every view: view `i` from `rng.fork(i)`. */
  run(img: RawImage, rng: Rng): MultiViewResult;
  /** Replays recorded views; deterministic. */
  apply(img: RawImage, records: readonly AppliedRecord[]): RawImage[];
}

/**
 * Makes a multi-view wrapper: view `i` of an example comes from pipeline `i % n` drawing from
 * `rng.fork(i)`, where `rng` is the example's stream. The fork keys used across this package:
 * `new Rng(seed).fork(epoch, index)` for example `index` of epoch `epoch`, then `.fork(view)`,
 * then each `compose` child forks by its position (`fork(step)`), `randomApply`'s child by
 * `fork(1)`, `someOf`'s by `fork(1, i)`. So views are independent of each other and of the order
 * in which examples or views are made, on any thread.
 *
 * @param pipelines one or more pipelines
 * @param views views per example; default the number of pipelines
 * @throws {ManyViewsError} `INVALID_OPTION` for no pipelines or a bad view count; `run` and
 *   `apply` throw `IMAGE_INVALID` for a malformed image
 * @example
 * const byol = buildMultiView(byolRecipe);
 * const { views, records } = byol.run(img, new Rng(seed).fork(epoch, index));
 */
export function multiView(
  pipelines: readonly Transform<RawImage>[],
  views = pipelines.length,
): MultiView {
  const list = [...pipelines];
  if (list.length === 0 || !Number.isInteger(views) || views < 1 || views > 64) {
    throw new ManyViewsError('INVALID_OPTION', 'multiView needs pipelines and 1..64 views', {
      expected: 'at least one pipeline and an integer view count in [1, 64]',
      received: `${list.length} pipelines, ${views} views`,
    });
  }
  const pick = (i: number) => list[i % list.length];
  // One arena for all views of an example: intermediates are reused, the views are kept.
  const arena = new PixelArena();
  return {
    views,
    pipelines: list,
    run(img, rng) {
      assertImage(img, 'multiView.run');
      const work = () => {
        const out: MultiViewResult = { views: [], records: [] };
        for (let i = 0; i < views; i++) {
          const { output, record } = pick(i).run(img, rng.fork(i));
          out.views.push(output);
          out.records.push(record);
        }
        return out;
      };
      return withArena(arena, work, (r) => r.views.map((v) => v.data));
    },
    apply(img, records) {
      assertImage(img, 'multiView.apply');
      if (!Array.isArray(records) || records.length !== views) {
        throw badRecord('multiView', `${views} view records`, records);
      }
      const work = () => records.map((r, i) => pick(i).apply(img, r.params));
      return withArena(arena, work, (r) => r.map((v) => v.data));
    },
  };
}

/** A built multi-view recipe: the wrapper and the recipe with defaults filled in. */
export interface BuiltMultiView extends MultiView {
  readonly recipe: MultiViewRecipe;
}

/**
 * Builds a {@link MultiView} from a multi-view recipe, or from a plain recipe (every view from
 * its one pipeline, `recipe.views` of them), validating every field.
 *
 * @param input parsed JSON or its text
 * @returns the wrapper, with the normalised recipe (always in the multi-view form)
 * @throws {ManyViewsError} the recipe errors of augment-core, fields named as
 *   `pipelines[1].pipeline[4].p`; `RECIPE_UNKNOWN_PARAM` for an unknown top-level field
 */
export function buildMultiView(input: unknown): BuiltMultiView {
  const doc = typeof input === 'string' ? parse(input) : input;
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new ManyViewsError('RECIPE_INVALID', 'recipe is invalid', {
      expected: 'a JSON object',
      received: doc,
    });
  }
  const d = doc as Record<string, unknown>;
  if (!Object.hasOwn(d, 'pipelines')) {
    const { transform, recipe } = buildRecipe(d, imageRegistry);
    const views = recipe.views ?? 2;
    const built = multiView([transform], views);
    const { pipeline, ...rest } = recipe;
    return { ...built, recipe: { ...rest, views, pipelines: [pipeline] } };
  }

  const known = ['version', 'domain', 'name', 'description', 'views', 'pipelines'];
  for (const key of Object.keys(d)) {
    if (!known.includes(key)) {
      throw new ManyViewsError('RECIPE_UNKNOWN_PARAM', `recipe.${key} is not a recipe field`, {
        expected: `one of ${known.join(', ')}`,
        received: key,
      });
    }
  }
  if (!Array.isArray(d.pipelines) || d.pipelines.length === 0) {
    throw new ManyViewsError('RECIPE_INVALID', 'recipe.pipelines is invalid', {
      expected: 'a non-empty array of step arrays',
      received: d.pipelines,
    });
  }
  if (d.description !== undefined && typeof d.description !== 'string') {
    throw new ManyViewsError('RECIPE_INVALID', 'recipe.description is invalid', {
      expected: 'a string',
      received: d.description,
    });
  }
  const views = d.views ?? d.pipelines.length;
  const built = d.pipelines.map((pipeline, i) => {
    try {
      const single: Recipe = {
        version: d.version as number,
        domain: d.domain as string,
        pipeline: pipeline as RecipeStep[],
        ...(d.name === undefined ? {} : { name: d.name as string }),
        views: views as number,
      };
      return buildRecipe(single, imageRegistry);
    } catch (error) {
      if (!(error instanceof ManyViewsError)) throw error;
      // Step errors name `pipeline[4].p` within this pipeline; the document's own fields
      // (`recipe.views`, `recipe.version`, `recipe.domain`) are already named where they sit.
      if (error.message.startsWith('pipeline[')) {
        throw relocateError(error, 'pipeline', `pipelines[${i}].pipeline`);
      }
      if (error.message.startsWith('recipe.pipeline ')) {
        throw relocateError(error, 'recipe.pipeline', `recipe.pipelines[${i}]`);
      }
      throw error;
    }
  });
  const recipe: MultiViewRecipe = {
    version: RECIPE_VERSION,
    domain: imageRegistry.domain,
    ...(d.name === undefined ? {} : { name: d.name as string }),
    ...(d.description === undefined ? {} : { description: d.description as string }),
    views: views as number,
    pipelines: built.map((b) => b.recipe.pipeline),
  };
  return {
    ...multiView(
      built.map((b) => b.transform),
      views as number,
    ),
    recipe,
  };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new ManyViewsError('RECIPE_INVALID', 'the recipe is not valid JSON', {
      cause,
      received: text,
    });
  }
}
