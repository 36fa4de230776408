import { ManyViewsError } from '@manyviews/augment-core';
import type { ServedModel } from './model-port.js';

/** The loaded models by name. Built once at start-up; requests only read it. */
export interface ModelRegistry extends Iterable<ServedModel> {
  /** How many models are loaded. */
  readonly size: number;
  /**
   * Model directories that were found but not loaded, with why (see `loadModelsDir`); empty for
   * a registry built from models directly.
   */
  readonly skipped: readonly SkippedModel[];
  /** The model names, sorted. */
  names(): string[];
  has(name: string): boolean;
  /**
   * @throws {ManyViewsError} `MODEL_NOT_FOUND` (404) naming the models that are loaded
   */
  get(name: string): ServedModel;
  /** Calls every model's `dispose`; the registry should not be used afterwards. */
  dispose(): void;
}

/** A model directory that `loadModelsDir` found but could not serve. */
export interface SkippedModel {
  dir: string;
  /** The error's stable code, e.g. `MODEL_INVALID`, or `MODEL_DUPLICATE` for a name taken. */
  code: string;
  message: string;
}

/**
 * Builds a registry from loaded models, checking each against the port.
 *
 * @param models models with distinct names
 * @throws {ManyViewsError} `MODEL_DUPLICATE` for a name seen twice, `MODEL_INVALID` for a model
 *   that breaks the port (see {@link checkServedModel})
 *
 * @example
 * const registry = createModelRegistry([imageModel, textModel]);
 * registry.get('fashion-mnist').embed([{ kind: 'bytes', data }]);
 */
export function createModelRegistry(
  models: Iterable<ServedModel>,
  skipped: readonly SkippedModel[] = [],
): ModelRegistry {
  const byName = new Map<string, ServedModel>();
  for (const model of models) {
    checkServedModel(model);
    if (byName.has(model.name)) {
      throw new ManyViewsError('MODEL_DUPLICATE', `two models are named "${model.name}"`);
    }
    byName.set(model.name, model);
  }
  const sorted = [...byName.keys()].sort();

  return {
    size: byName.size,
    skipped,
    names: () => [...sorted],
    has: (name) => byName.has(name),
    get(name) {
      const model = byName.get(name);
      if (model !== undefined) return model;
      throw new ManyViewsError('MODEL_NOT_FOUND', `model "${name}" is not loaded`, {
        expected:
          sorted.length === 0 ? 'a loaded model (none are loaded)' : `one of ${sorted.join(', ')}`,
      });
    },
    dispose() {
      for (const model of byName.values()) model.dispose?.();
    },
    [Symbol.iterator]: () => sorted.map((name) => byName.get(name)!)[Symbol.iterator](),
  };
}

/**
 * Checks that a loader's result keeps the port's promises the server relies on: a name, a
 * manifest with a domain and a positive `embeddingDim`, an `embed` function, and an index whose
 * arrays agree in size with each other and with `embeddingDim`.
 *
 * @throws {ManyViewsError} `MODEL_INVALID` naming the first broken field
 */
export function checkServedModel(model: ServedModel): void {
  const broken = (field: string, expected: string, received: unknown) =>
    new ManyViewsError('MODEL_INVALID', `model ${String(model?.name)}: ${field} is invalid`, {
      expected,
      received,
    });

  if (typeof model !== 'object' || model === null) throw broken('the model', 'an object', model);
  if (typeof model.name !== 'string' || model.name === '') {
    throw broken('name', 'a non-empty string', model.name);
  }
  const manifest = model.manifest;
  if (typeof manifest !== 'object' || manifest === null) {
    throw broken('manifest', 'an object', manifest);
  }
  if (typeof manifest.domain !== 'string' || manifest.domain === '') {
    throw broken('manifest.domain', 'a non-empty string', manifest.domain);
  }
  const dim = manifest.embeddingDim;
  if (!Number.isSafeInteger(dim) || dim < 1) {
    throw broken('manifest.embeddingDim', 'a positive integer', dim);
  }
  if (typeof model.embed !== 'function') throw broken('embed', 'a function', model.embed);
  if (model.index !== undefined) checkIndex(model.index, dim, broken);
}

function checkIndex(
  index: NonNullable<ServedModel['index']>,
  dim: number,
  broken: (field: string, expected: string, received: unknown) => ManyViewsError,
): void {
  if (index.dim !== dim) throw broken('index.dim', `${dim} (manifest.embeddingDim)`, index.dim);
  if (!Array.isArray(index.ids)) throw broken('index.ids', 'an array', index.ids);

  const n = index.ids.length;
  if (!Array.isArray(index.labels) || index.labels.length !== n) {
    throw broken('index.labels', `an array of ${n} labels`, index.labels);
  }
  if (!(index.vectors instanceof Float32Array) || index.vectors.length !== n * dim) {
    throw broken('index.vectors', `Float32Array(${n} x ${dim})`, index.vectors);
  }
}
