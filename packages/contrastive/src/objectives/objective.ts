import { ManyViewsError } from '@manyviews/augment-core';
import type * as tf from '@tensorflow/tfjs-core';

/** An objective as a run config or manifest names it, with its hyper-parameters. */
export interface ObjectiveConfig {
  /** `nt-xent`, ... (see {@link objectiveNames}). */
  name: string;
  [option: string]: unknown;
}

/**
 * A training loss over one batch of projections laid out view-major: row `v * batch + r` is view
 * `v` of example `r`. Returns the scalar to minimise.
 */
export type ObjectiveFn = (
  z: tf.Tensor2D,
  views: number,
  batch: number,
  context: ObjectiveContext,
) => tf.Scalar;

/** What the trainer offers an objective beyond the batch. */
export interface ObjectiveContext {
  /** Recent anchor projections, L2-normalised, `[rows, dim]`, when a memory bank is enabled. */
  bank?: tf.Tensor2D;
  /** Seed of this step, for objectives that sample (importance-sampled negatives). */
  seed: number;
}

/** How an objective is built from its config; throws on bad options, before training starts. */
export interface ObjectiveFactory {
  /** One line for `--help` and reports. */
  description: string;
  /** Fewest views per example it needs. */
  minViews: number;
  /** The options it reads besides `name`; any other key is refused, so a typo is not ignored. */
  options: readonly string[];
  build(config: ObjectiveConfig): ObjectiveFn;
}

const factories = new Map<string, ObjectiveFactory>();

/**
 * Registers an objective under its name.
 *
 * @throws {ManyViewsError} `REGISTRY_DUPLICATE` when the name is taken
 */
export function registerObjective(name: string, factory: ObjectiveFactory): void {
  if (factories.has(name)) {
    throw new ManyViewsError('REGISTRY_DUPLICATE', `objective "${name}" is already registered`);
  }
  factories.set(name, factory);
}

/** Names of the registered objectives, sorted. */
export function objectiveNames(): string[] {
  return [...factories.keys()].sort();
}

/**
 * Builds the loss a config names and checks it can run on `views` views per example.
 *
 * @throws {ManyViewsError} `OBJECTIVE_UNKNOWN` for an unknown name, `INVALID_OPTION` for too few
 *   views, and the factory's own option errors
 */
export function createObjective(config: ObjectiveConfig, views: number): ObjectiveFn {
  const factory = factories.get(config.name);
  if (!factory) {
    throw new ManyViewsError('OBJECTIVE_UNKNOWN', `there is no objective named ${config.name}`, {
      expected: `one of ${objectiveNames().join(', ')}`,
      received: config.name,
    });
  }
  const unknown = Object.keys(config).filter((k) => k !== 'name' && !factory.options.includes(k));
  if (unknown.length > 0) {
    throw new ManyViewsError(
      'INVALID_OPTION',
      `objective ${config.name} has no option ${unknown.join(', ')}`,
      {
        expected: factory.options.length
          ? `options among ${factory.options.join(', ')}`
          : 'no options',
        received: unknown.join(', '),
      },
    );
  }
  if (views < factory.minViews) {
    throw new ManyViewsError('INVALID_OPTION', `objective ${config.name} needs more views`, {
      expected: `at least ${factory.minViews} views per example`,
      received: views,
    });
  }
  return factory.build(config);
}

/** Reads a positive number option of an objective, with its default. */
export function positiveOption(config: ObjectiveConfig, key: string, fallback: number): number {
  const value = config[key] ?? fallback;
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
    throw new ManyViewsError(
      'INVALID_OPTION',
      `objective ${config.name}: ${key} must be positive`,
      {
        expected: 'a finite number > 0',
        received: value,
      },
    );
  }
  return value;
}
