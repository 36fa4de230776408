import { ManyViewsError, type Rng } from '@manyviews/augment-core';
import * as tf from '@tensorflow/tfjs-core';
import type { NamedWeight } from './encoder.js';

let counter = 0;

/**
 * A trainable variable for weight `name`: from `stored` when weights are being loaded (they must
 * all be there, shaped as asked), else from `init`. tfjs wants variable names unique per process,
 * so a counter is appended; {@link copyWeights} strips it again.
 *
 * @param stored weights being loaded, by name; empty for a fresh encoder
 * @throws {ManyViewsError} `MODEL_WEIGHTS_MISMATCH` when a stored weight is missing or misshapen
 */
export function weightVariable(
  name: string,
  shape: number[],
  stored: Map<string, NamedWeight>,
  init: () => Float32Array,
): tf.Variable {
  const saved = stored.size > 0 ? stored.get(name) : undefined;
  if (stored.size > 0 && (!saved || saved.shape.join('x') !== shape.join('x'))) {
    throw new ManyViewsError('MODEL_WEIGHTS_MISMATCH', `weight ${name} does not fit the encoder`, {
      expected: `shape [${shape.join(', ')}]`,
      received: saved ? `[${saved.shape.join(', ')}]` : 'no such weight',
    });
  }
  const values = saved ? saved.values : init();
  // tf.variable copies its initial value; tidy frees that tensor (it never frees variables).
  const id = `mv/${name}_${counter++}`;
  return tf.tidy(() => tf.variable(tf.tensor(values, shape, 'float32'), true, id));
}

/** Stored weights by name, for {@link weightVariable}. */
export function byName(init?: NamedWeight[]): Map<string, NamedWeight> {
  return new Map(init?.map((w) => [w.name, w]));
}

/** The variables' current values, copied out under their weight names. */
export function copyWeights(variables: readonly tf.Variable[]): NamedWeight[] {
  return variables.map((v) => ({
    name: v.name.replace(/^mv\//, '').replace(/_\d+$/, ''),
    shape: [...v.shape],
    values: v.dataSync() as Float32Array,
  }));
}

/**
 * `count` draws of N(0, 2 / fanIn): He initialisation (He et al. 2015), from our seeded generator.
 */
export function heNormal(rng: Rng, count: number, fanIn: number): Float32Array {
  return gaussian(rng, count, Math.sqrt(2 / fanIn));
}

/** `count` draws of N(0, std^2) from our seeded generator. */
export function gaussian(rng: Rng, count: number, std: number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = rng.normal(0, std);
  return out;
}
