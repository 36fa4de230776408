import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type Logger, ManyViewsError, silentLogger } from '@manyviews/augment-core';
import { EpochOrder, prefetched } from './epoch-order.js';
import { createImageViewMaker, type ImageViewSpec } from './image-view-maker.js';
import type { ViewBatch, ViewSource } from './view-source.js';
import type { BatchRequest } from './view-worker.js';

/** Options of {@link ImageViewPool}. */
export interface ImageViewPoolOptions extends ImageViewSpec {
  /** `count * height * width` bytes. */
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
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<
    number,
    { resolve: (d: Float32Array) => void; reject: (e: Error) => void }
  >();
  private local?: ReturnType<typeof createImageViewMaker>;
  private nextId = 0;
  private readonly order: EpochOrder;

  /**
   * @throws {ManyViewsError} `INVALID_OPTION` for a batch larger than the data or bad counts
   */
  constructor(options: ImageViewPoolOptions) {
    const views = options.views ?? 2;
    if (
      !Number.isInteger(options.batchSize) ||
      options.batchSize < 2 ||
      options.batchSize > options.count
    ) {
      throw new ManyViewsError('INVALID_OPTION', 'batchSize must fit the dataset', {
        expected: `an integer in [2, ${options.count}]`,
        received: options.batchSize,
      });
    }
    if (!Number.isInteger(views) || views < 2) {
      throw new ManyViewsError('INVALID_OPTION', 'views per example must be at least 2', {
        expected: 'an integer >= 2',
        received: views,
      });
    }
    this.options = { workers: 1, prefetch: 3, logger: silentLogger, ...options, views };
    this.order = new EpochOrder(options.seed, options.count, options.batchSize);
    this.stepsPerEpoch = this.order.stepsPerEpoch;

    // Fail fast on a bad recipe, on this thread, with the field named.
    this.local = createImageViewMaker(options);
    this.startWorkers();
  }

  /**
   * Yields batches from global step `fromStep` up to `epochs * stepsPerEpoch`.
   *
   * @param epochs total epochs of the run
   * @param fromStep first step to produce (to resume); default 0
   */
  async *batches(epochs: number, fromStep = 0): AsyncGenerator<ViewBatch> {
    const { batchSize, views, height, width, prefetch } = this.options;
    const inputShape = [height * width];
    const steps = prefetched(this.stepsPerEpoch, epochs, fromStep, prefetch, (epoch, batch) =>
      this.request(epoch, batch),
    );
    for await (const { epoch, step, value } of steps) {
      yield { epoch, step, size: batchSize, views, inputShape, data: value };
    }
  }

  /** Stops the worker threads. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
  }

  private request(epoch: number, batch: number): Promise<Float32Array> {
    const indices = this.order.indices(epoch, batch);
    if (this.workers.length === 0) {
      return Promise.resolve(this.local!(this.options.images, epoch, indices, this.options.views));
    }
    const id = this.nextId++;
    const worker = this.workers[id % this.workers.length];
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const message: BatchRequest = { id, epoch, indices, views: this.options.views };
      worker.postMessage(message);
    });
  }

  private startWorkers(): void {
    const script = workerScript();
    if (this.options.workers === 0) return;
    if (!script) {
      this.options.logger.warn('view workers need the built package; making views on this thread');
      return;
    }

    // Shared once, read by every worker: no copy of the dataset per thread.
    const shared = new Uint8Array(new SharedArrayBuffer(this.options.images.byteLength));
    shared.set(this.options.images);
    const { images: _images, logger: _logger, ...rest } = this.options;
    const spec: ImageViewSpec = {
      width: rest.width,
      height: rest.height,
      recipe: rest.recipe,
      seed: rest.seed,
    };

    for (let i = 0; i < this.options.workers; i++) {
      const worker = new Worker(script, { workerData: { spec, images: shared } });
      worker.on(
        'message',
        (msg: { id: number; data?: Float32Array; error?: { code?: string; message?: string } }) => {
          const waiter = this.pending.get(msg.id);
          if (!waiter) return;
          this.pending.delete(msg.id);
          if (msg.data) waiter.resolve(msg.data);
          else
            waiter.reject(
              new ManyViewsError(
                msg.error?.code ?? 'VIEW_WORKER_FAILED',
                msg.error?.message ?? 'view worker failed',
              ),
            );
        },
      );
      worker.on('error', (error) => this.failAll(error));
      this.workers.push(worker);
    }
  }

  private failAll(error: Error): void {
    for (const waiter of this.pending.values()) {
      waiter.reject(
        new ManyViewsError('VIEW_WORKER_FAILED', `a view worker stopped: ${error.message}`, {
          cause: error,
        }),
      );
    }
    this.pending.clear();
  }
}

/**
 * The compiled worker script. Run from sources (tests), this module sits in `src/` and the
 * worker is taken from `dist/` when the package has been built.
 */
function workerScript(): URL | undefined {
  const here = new URL('./view-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const built = new URL('../../dist/views/view-worker.js', import.meta.url);
  return existsSync(fileURLToPath(built)) ? built : undefined;
}
