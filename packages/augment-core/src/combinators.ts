import { ManyViewsError } from './errors.js';
import { badRecord } from './options.js';
import type { AppliedRecord, Transform } from './transform.js';

/** Records of a {@link compose}: one per child, in order. */
export type ComposeParams = AppliedRecord[];

/**
 * Applies transforms in sequence. Child `i` draws from `rng.fork(i)`, so adding a transform at
 * the end of a pipeline leaves the earlier children's draws unchanged.
 *
 * @param transforms the steps, applied first to last (may be empty: the identity)
 */
export function compose<T>(transforms: readonly Transform<T>[]): Transform<T, ComposeParams> {
  const steps = [...transforms];
  return {
    name: 'compose',
    options: Object.freeze({ transforms: steps.map((t) => t.name) }),
    run(input, rng) {
      let x = input;
      const params: ComposeParams = [];
      for (let i = 0; i < steps.length; i++) {
        const { output, record } = steps[i].run(x, rng.fork(i));
        x = output;
        params.push(record);
      }
      return { output: x, record: { name: 'compose', params } };
    },
    apply(input, params) {
      expectLength('compose', params, steps.length);
      let x = input;
      for (let i = 0; i < steps.length; i++) x = steps[i].apply(x, params[i].params);
      return x;
    },
  };
}

/** Record of a {@link randomApply}: whether it fired and, if so, the child's record. */
export interface RandomApplyParams {
  applied: boolean;
  inner?: AppliedRecord;
}

/**
 * Applies `transform` with probability `p`, else passes the input through.
 *
 * @param p probability in [0, 1]
 * @throws {ManyViewsError} `INVALID_OPTION` when `p` is outside [0, 1]
 */
export function randomApply<T>(
  p: number,
  transform: Transform<T>,
): Transform<T, RandomApplyParams> {
  checkProbability('randomApply', p);
  return {
    name: 'randomApply',
    options: Object.freeze({ p, transform: transform.name }),
    run(input, rng) {
      if (!rng.bool(p))
        return { output: input, record: { name: 'randomApply', params: { applied: false } } };
      const { output, record } = transform.run(input, rng.fork(1));
      return { output, record: { name: 'randomApply', params: { applied: true, inner: record } } };
    },
    apply(input, params) {
      if (!params.applied) return input;
      if (!params.inner) throw badRecord('randomApply', 'an inner record when applied is true');
      return transform.apply(input, params.inner.params);
    },
  };
}

/** Record of a {@link oneOf}: the chosen index and its record. */
export interface OneOfParams {
  index: number;
  inner: AppliedRecord;
}

/**
 * Applies exactly one of `transforms`, chosen with probability proportional to `weights`.
 *
 * @param transforms candidates (at least one)
 * @param weights non-negative weights with a positive sum; default all equal
 * @throws {ManyViewsError} `INVALID_OPTION` for an empty list or bad weights
 */
export function oneOf<T>(
  transforms: readonly Transform<T>[],
  weights?: readonly number[],
): Transform<T, OneOfParams> {
  const options = [...transforms];
  if (options.length === 0) {
    throw new ManyViewsError('INVALID_OPTION', 'oneOf needs at least one transform', {
      expected: 'a non-empty list',
      received: options,
    });
  }
  const cumulative = cumulativeWeights('oneOf', weights ?? options.map(() => 1), options.length);
  return {
    name: 'oneOf',
    options: Object.freeze({ transforms: options.map((t) => t.name), weights: weights ?? null }),
    run(input, rng) {
      const u = rng.next() * cumulative[cumulative.length - 1];
      let index = cumulative.findIndex((c) => u < c);
      if (index < 0) index = options.length - 1;
      const { output, record } = options[index].run(input, rng.fork(1));
      return { output, record: { name: 'oneOf', params: { index, inner: record } } };
    },
    apply(input, params) {
      if (!Number.isInteger(params.index) || params.index < 0 || params.index >= options.length) {
        throw badRecord('oneOf', `an index in [0, ${options.length - 1}]`, params.index);
      }
      return options[params.index].apply(input, params.inner.params);
    },
  };
}

/** Record of a {@link someOf}: chosen indices in application order and their records. */
export interface SomeOfParams {
  indices: number[];
  inner: AppliedRecord[];
}

/**
 * Applies between `min` and `max` distinct transforms drawn at random, in random order.
 *
 * @param transforms candidates
 * @param range `[min, max]` count, both included; default `[1, transforms.length]`
 */
export function someOf<T>(
  transforms: readonly Transform<T>[],
  range: readonly [number, number] = [1, transforms.length],
): Transform<T, SomeOfParams> {
  const options = [...transforms];
  const [min, max] = range;
  if (
    !Number.isInteger(min) ||
    !Number.isInteger(max) ||
    min < 0 ||
    max < min ||
    max > options.length
  ) {
    throw new ManyViewsError(
      'INVALID_OPTION',
      'someOf needs 0 <= min <= max <= transforms.length',
      {
        expected: `integers with 0 <= min <= max <= ${options.length}`,
        received: [min, max],
      },
    );
  }
  return {
    name: 'someOf',
    options: Object.freeze({ transforms: options.map((t) => t.name), range: [min, max] }),
    run(input, rng) {
      const count = rng.int(min, max);
      const indices = Array.from(rng.permutation(options.length).subarray(0, count));
      let x = input;
      const inner: AppliedRecord[] = [];
      indices.forEach((index, i) => {
        const { output, record } = options[index].run(x, rng.fork(1, i));
        x = output;
        inner.push(record);
      });
      return { output: x, record: { name: 'someOf', params: { indices, inner } } };
    },
    apply(input, params) {
      expectLength('someOf', params.inner, params.indices.length);
      let x = input;
      params.indices.forEach((index, i) => {
        if (!options[index])
          throw badRecord('someOf', `indices in [0, ${options.length - 1}]`, index);
        x = options[index].apply(x, params.inner[i].params);
      });
      return x;
    },
  };
}

function checkProbability(where: string, p: number): void {
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
    throw new ManyViewsError('INVALID_OPTION', `${where}: p must be a probability`, {
      expected: 'a number in [0, 1]',
      received: p,
    });
  }
}

function cumulativeWeights(where: string, weights: readonly number[], n: number): number[] {
  const ok = weights.length === n && weights.every((w) => Number.isFinite(w) && w >= 0);
  const total = weights.reduce((a, b) => a + b, 0);
  if (!ok || !(total > 0)) {
    throw new ManyViewsError('INVALID_OPTION', `${where}: weights must match the transforms`, {
      expected: `${n} non-negative numbers with a positive sum`,
      received: weights,
    });
  }
  let acc = 0;
  return weights.map((w) => {
    acc += w;
    return acc;
  });
}

function expectLength(where: string, params: unknown, n: number): void {
  if (!Array.isArray(params) || params.length !== n) {
    throw badRecord(where, `${n} child records`, params);
  }
}
