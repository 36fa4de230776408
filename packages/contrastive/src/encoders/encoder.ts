import { ManyViewsError } from '@manyviews/augment-core';
import type * as tf from '@tensorflow/tfjs-core';

/** A named weight with its shape, as stored in a model directory. */
export interface NamedWeight {
  name: string;
  shape: number[];
  values: Float32Array;
}

/** The architecture of an encoder, stored in a model's manifest; `type` picks the factory. */
export interface EncoderConfig {
  type: string;
  /** Width of the representation that is served and evaluated. */
  embeddingDim: number;
  [option: string]: unknown;
}

/**
 * A trainable encoder `f`: inputs to representations (`embed`), and representations to the space
 * the objective sees (`project`, the projection head of SimCLR). Implementations hold their
 * weights as tfjs variables; the owner calls `dispose`.
 */
export interface Encoder<C extends EncoderConfig = EncoderConfig> {
  readonly config: C;
  /** Trainable variables in a fixed order (the order of {@link Encoder.weights}). */
  readonly variables: tf.Variable[];
  /** Shape of one input example, without the batch axis (e.g. `[784]`). */
  readonly inputShape: number[];
  /** `[batch, ...inputShape] -> [batch, embeddingDim]`, not normalised. */
  embed(x: tf.Tensor): tf.Tensor2D;
  /** `[batch, embeddingDim] -> [batch, projectionDim]`. */
  project(h: tf.Tensor2D): tf.Tensor2D;
  /** Current weights, copied out. */
  weights(): NamedWeight[];
  dispose(): void;
}

/** Builds an encoder from its config, optionally with stored weights, seeded otherwise. */
export type EncoderFactory = (
  config: EncoderConfig,
  init?: NamedWeight[],
  seed?: number,
) => Encoder;

const factories = new Map<string, EncoderFactory>();

/**
 * Registers an encoder type so model directories naming it can be loaded. Domain modules call
 * this once at import.
 *
 * @throws {ManyViewsError} `REGISTRY_DUPLICATE` when the type is taken
 */
export function registerEncoder(type: string, factory: EncoderFactory): void {
  if (factories.has(type)) {
    throw new ManyViewsError('REGISTRY_DUPLICATE', `encoder type "${type}" is already registered`);
  }
  factories.set(type, factory);
}

/**
 * Builds the encoder a config names.
 *
 * @param config an encoder config (from a manifest or a domain's defaults)
 * @param init stored weights; default a fresh initialisation from `seed`
 * @param seed seed of the fresh initialisation (default 0)
 * @throws {ManyViewsError} `MODEL_INVALID` for an unknown type; the factory's own errors
 */
export function createEncoder(config: EncoderConfig, init?: NamedWeight[], seed = 0): Encoder {
  const factory = factories.get(config?.type);
  if (!factory) {
    throw new ManyViewsError('MODEL_INVALID', `unknown encoder type ${String(config?.type)}`, {
      expected: `one of ${[...factories.keys()].join(', ')}`,
      received: config?.type,
    });
  }
  return factory(config, init, seed);
}
