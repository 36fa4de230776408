import { type Logger, silentLogger } from '@manyviews/augment-core';
import { checkBatching, EpochOrder, prefetched } from './epoch-order.js';
import { createImageViewMaker, type ImageViewSpec } from './image-view-maker.js';
import type { ViewBatch, ViewSource } from './view-source.js';
import { builtWorkerScript, ViewWorkers } from './view-workers.js';

/** Options of {@link ImageViewPool}. */
export interface ImageViewPoolOptions extends ImageViewSpec {
  /** `count * height * width * channels` bytes, HWC. */
  images: Uint8Array;
  count: number;
  batchSize: number;
  /** Views per example; default 2. */
  views?: number;
  /** Worker threads making views; 0 makes them on the calling thread. Default 1. */
  workers?: number;
  /** Batches requested ahead of the consumer; default 3. */
  prefetch?: number;
  logger?: Logger;
}

/**
 * Produces batches of augmented views in a seeded order, on worker threads so that the thread
 * training the encoder never waits for them (the wasm backend runs on one core; the other makes
 * views).
 *
 * The data order of epoch `e` is `Rng(seed).fork('order', e).permutation(count)`, cut into
 * `floor(count / batchSize)` full batches; the last partial batch is dropped so every step sees
 * the same number of negatives. Both order and views depend only on the seed, so a resumed run
 * sees exactly what a straight run would.
 */
export class ImageViewPool implements ViewSource {
  readonly stepsPerEpoch: number;
  private readonly options: Required<Omit<ImageViewPoolOptions, 'logger'>> & { logger: Logger };
  private readonly workers: ViewWorkers;
  private local?: ReturnType<typeof createImageViewMaker>;
  private readonly order: EpochOrder;

  /**
   * @throws {ManyViewsError} `INVALID_OPTION` for a batch larger than the data or bad counts
   */
  constructor(options: ImageViewPoolOptions) {
    const views = options.views ?? 2;
    checkBatching(options.count, options.batchSize, views);
    this.options = {
      workers: 1,
      prefetch: 3,
      channels: 1,
      logger: silentLogger,
      ...options,
      views,
    };
    this.order = new EpochOrder(options.seed, options.count, options.batchSize);
    this.stepsPerEpoch = this.order.stepsPerEpoch;

    // Fail fast on a bad recipe, on this thread, with the field named.
    this.local = createImageViewMaker(options);
    this.workers = this.startWorkers();
  }

  /**
   * Yields batches from global step `fromStep` up to `epochs * stepsPerEpoch`.
   *
   * @param epochs total epochs of the run
   * @param fromStep first step to produce (to resume); default 0
   */
  async *batches(epochs: number, fromStep = 0): AsyncGenerator<ViewBatch> {
    const { batchSize, views, height, width, channels, prefetch } = this.options;
    const inputShape = [height * width * channels];
    const steps = prefetched(this.stepsPerEpoch, epochs, fromStep, prefetch, (epoch, batch) =>
      this.request(epoch, batch),
    );
    for await (const { epoch, step, value } of steps) {
      yield { epoch, step, size: batchSize, views, inputShape, data: value };
    }
  }

  /** Stops the worker threads. */
  async close(): Promise<void> {
    await this.workers.close();
  }

  private request(epoch: number, batch: number): Promise<Float32Array> {
    const indices = this.order.indices(epoch, batch);
    if (!this.workers.running) {
      return Promise.resolve(this.local!(this.options.images, epoch, indices, this.options.views));
    }
    return this.workers.request(epoch, indices, this.options.views);
  }

  private startWorkers(): ViewWorkers {
    const { workers, logger, images, width, height, channels, recipe, seed } = this.options;
    const script = workers > 0 ? builtWorkerScript('view-worker.js') : undefined;
    // Shared once, read by every worker: no copy of the dataset per thread.
    const shared = script ? new Uint8Array(new SharedArrayBuffer(images.byteLength)) : images;
    if (script) shared.set(images);
    const spec: ImageViewSpec = { width, height, channels, recipe, seed };
    return new ViewWorkers(script, workers, { spec, images: shared }, logger);
  }
}
