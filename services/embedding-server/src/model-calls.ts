import { ManyViewsError } from '@manyviews/augment-core';
import { type Batcher, type BatchObserver, createBatcher } from './batcher.js';
import { embedInputs } from './embed-inputs.js';
import type { ServerLimits } from './limits.js';
import type { ServedModel } from './model-port.js';
import type { EmbedFn } from './routes/route-deps.js';

/** Every model call of an app, one micro-batcher per served model. */
export interface ModelCalls {
  /** Runs a model through its batcher (created on the model's first call). */
  embed: EmbedFn;
  /**
   * A reload dropped `model`: its batcher drains what is queued and running, then the model is
   * disposed. A model never called is disposed at once.
   */
  retire(model: ServedModel): void;
  /**
   * Refuses new calls with 503 `SHUTTING_DOWN` and resolves once every call already accepted has
   * settled. Call it after the HTTP server has stopped.
   */
  close(): Promise<void>;
  /** The inputs waiting now, by model name, for the queue length gauge. */
  queueLengths(): Array<[model: string, inputs: number]>;
}

/**
 * Builds the model calls of an app from its limits: `maxBatchSize`, `maxBatchWaitMs`,
 * `maxQueue` and `requestTimeoutMs` apply to each model's batcher (see `createBatcher`). A
 * model with a `prepare` has each request's inputs decoded by it first, outside the batcher,
 * within `maxRequestPixels`.
 *
 * @param observe the metrics observer for a model's batcher
 */
export function createModelCalls(
  limits: ServerLimits,
  observe?: (model: string) => BatchObserver,
): ModelCalls {
  const batchers = new Map<ServedModel, Batcher>();
  const retired = new WeakSet<ServedModel>();
  let closed = false;

  const batcherOf = (model: ServedModel): Batcher => {
    let batcher = batchers.get(model);
    if (batcher) return batcher;
    batcher = createBatcher({
      name: model.name,
      run: (inputs) => embedInputs(model, inputs),
      maxBatchSize: limits.maxBatchSize,
      maxWaitMs: limits.maxBatchWaitMs,
      maxQueue: limits.maxQueue,
      timeoutMs: limits.requestTimeoutMs,
      observer: observe?.(model.name),
    });
    batchers.set(model, batcher);
    return batcher;
  };

  const refusal = (model: ServedModel): ManyViewsError | undefined => {
    // A request that looked the model up before a reload retired it, and calls it after its
    // batcher drained, finds the model disposed: it is told to retry, on the new model.
    if (retired.has(model) && !batchers.has(model)) {
      return new ManyViewsError(
        'MODEL_RETIRED',
        `model ${model.name} was replaced by a reload while this request ran; send it again`,
      );
    }
    if (closed) {
      return new ManyViewsError('SHUTTING_DOWN', 'the server is shutting down; retry elsewhere');
    }
    return undefined;
  };
  const budget = { maxPixels: limits.maxRequestPixels };

  return {
    async embed(model, inputs, signal) {
      const before = refusal(model);
      if (before) throw before;

      // Decoding runs here, per request and concurrently, not in the model's serialized pass;
      // the request's timeout starts once it is queued (see README, "Timeouts").
      const ready = model.prepare ? await model.prepare(inputs, budget) : inputs;

      const after = refusal(model);
      if (after) throw after;
      return batcherOf(model).submit(ready, signal);
    },

    retire(model) {
      retired.add(model);
      const batcher = batchers.get(model);
      if (!batcher) {
        model.dispose?.();
        return;
      }
      batcher.retire(() => {
        batchers.delete(model);
        model.dispose?.();
      });
    },

    async close() {
      closed = true;
      await Promise.all([...batchers.values()].map((b) => b.close()));
    },

    queueLengths() {
      // A retiring model and its replacement share a name while the old one drains.
      const byName = new Map<string, number>();
      for (const [model, b] of batchers)
        byName.set(model.name, (byName.get(model.name) ?? 0) + b.queued);
      return [...byName];
    },
  };
}
