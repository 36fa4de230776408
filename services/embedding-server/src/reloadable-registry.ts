import type { ServedModel } from './model-port.js';
import type { ModelRegistry } from './model-registry.js';

/** A registry whose models can be swapped while requests read it. */
export interface ReloadableRegistry extends ModelRegistry {
  /**
   * Serves `next` from now on.
   *
   * @returns the models of the old set that `next` does not hold (the caller disposes them once
   *   their in-flight calls end)
   */
  replace(next: ModelRegistry): ServedModel[];
}

/**
 * Wraps a registry so that `POST /v1/models/reload` can swap the whole set at once: a request
 * sees either the old models or the new ones, never a mix, since it looks each up once.
 */
export function reloadableRegistry(initial: ModelRegistry): ReloadableRegistry {
  let current = initial;
  return {
    get size() {
      return current.size;
    },
    get skipped() {
      return current.skipped;
    },
    names: () => current.names(),
    has: (name) => current.has(name),
    get: (name) => current.get(name),
    dispose: () => current.dispose(),
    [Symbol.iterator]: () => current[Symbol.iterator](),
    replace(next) {
      const kept = new Set(next);
      const dropped = [...current].filter((m) => !kept.has(m));
      current = next;
      return dropped;
    },
  };
}
