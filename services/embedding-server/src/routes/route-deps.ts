import type { ServerLimits } from '../limits.js';
import type { ModelInput, ServedModel } from '../model-port.js';
import type { ModelRegistry } from '../model-registry.js';

/**
 * Runs a model on inputs, through the per-model batcher when the app has one; resolves to one
 * checked vector per input (see `embedInputs`).
 */
export type EmbedFn = (
  model: ServedModel,
  inputs: ModelInput[],
  signal?: AbortSignal,
) => Promise<Float32Array[]>;

/** What every route handler is built from. */
export interface RouteDeps {
  /** The models now served; after a reload it answers with the new set. */
  registry: ModelRegistry;
  limits: ServerLimits;
  embed: EmbedFn;
}
