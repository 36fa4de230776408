import type { Rng } from './rng.js';

/**
 * The parameters one application drew, as a tree: leaves hold a transform's own draw, combinators
 * hold their choice and their children's records. Plain JSON, so it can be logged, stored and
 * replayed with {@link Transform.apply}.
 */
export interface AppliedRecord<P = unknown> {
  /** Transform name, as in recipes (`randomResizedCrop`, `compose`, ...). */
  name: string;
  /** What was drawn. */
  params: P;
}

/** The result of one stochastic application: the view and what was drawn to make it. */
export interface Applied<T, P = unknown> {
  output: T;
  record: AppliedRecord<P>;
}

/**
 * A stochastic transformation `T -> T`, split into drawing parameters and applying them.
 *
 * `run` draws from `rng` and applies; `apply` replays a recorded draw exactly and uses no
 * randomness, so `t.apply(x, t.run(x, rng).record.params)` equals `t.run(x, rng).output`.
 */
export interface Transform<T, P = unknown> {
  /** Name used in recipes and records. */
  readonly name: string;
  /** The validated options the transform was built with (what a recipe stores). */
  readonly options: Readonly<Record<string, unknown>>;
  /** Draws parameters for `input` from `rng` and applies them. */
  run(input: T, rng: Rng): Applied<T, P>;
  /** Applies previously drawn parameters; deterministic. */
  apply(input: T, params: P): T;
}

/** What {@link defineTransform} needs for a leaf transform. */
export interface LeafSpec<T, P> {
  name: string;
  options?: Record<string, unknown>;
  /** Draws the parameters; may look at the input (its size, for example). */
  sample(input: T, rng: Rng): P;
  /** Applies drawn parameters; must not use randomness. */
  apply(input: T, params: P): T;
}

/**
 * Builds a leaf transform from a sampler and an applier.
 *
 * @example
 * const gain = defineTransform({
 *   name: 'gain',
 *   sample: (_x, rng) => ({ factor: rng.uniform(0.5, 2) }),
 *   apply: (x: number[], p) => x.map((v) => v * p.factor),
 * });
 */
export function defineTransform<T, P>(spec: LeafSpec<T, P>): Transform<T, P> {
  const { name, sample, apply } = spec;
  return {
    name,
    options: Object.freeze({ ...(spec.options ?? {}) }),
    run(input, rng) {
      const params = sample(input, rng);
      return { output: apply(input, params), record: { name, params } };
    },
    apply,
  };
}
