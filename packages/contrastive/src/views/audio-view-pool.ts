import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AudioClip } from '@manyviews/augment-audio';
import { type Logger, ManyViewsError, silentLogger } from '@manyviews/augment-core';
import {
  type AudioViewMaker,
  type AudioViewSpec,
  createAudioViewMaker,
  type PackedClips,
  packClips,
} from './audio-view-maker.js';
import { EpochOrder, prefetched } from './epoch-order.js';
import type { ViewBatch, ViewSource } from './view-source.js';
import type { BatchRequest } from './view-worker.js';

/** Options of {@link AudioViewPool}. */
export interface AudioViewPoolOptions extends AudioViewSpec {
  /** The training clips, at `preprocess.sampleRate` (channels are averaged). */
  clips: readonly AudioClip[];
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
 * Produces batches of augmented log-mel views (`[frames, bins]` each, see
 * {@link createAudioViewMaker}) in the seeded order of {@link EpochOrder}, on worker threads so
 * the thread training the encoder does not wait: a 1 s view costs about 5 ms of DSP, which for
 * 512 views a step is as long as the step itself on the wasm backend.
 *
 * Order and views depend only on the seed, so a resumed run sees exactly what a straight run
 * would, with any number of workers.
 */
export class AudioViewPool implements ViewSource {
  readonly stepsPerEpoch: number;
  /** Shape of one view: `[frames, bins]`. */
  readonly inputShape: number[];
  private readonly options: Required<Omit<AudioViewPoolOptions, 'logger' | 'clips'>> & {
    logger: Logger;
  };
  private readonly clips: PackedClips;
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<
    number,
    { resolve: (d: Float32Array) => void; reject: (e: Error) => void }
  >();
  private readonly local: AudioViewMaker;
  private readonly order: EpochOrder;
  private nextId = 0;

  /**
   * @throws {ManyViewsError} `INVALID_OPTION` for a batch larger than the data or bad counts;
   *   recipe and preprocess errors of {@link createAudioViewMaker}
   */
  constructor(options: AudioViewPoolOptions) {
    const count = options.clips.length;
    const views = options.views ?? 2;
    if (
      !Number.isInteger(options.batchSize) ||
      options.batchSize < 2 ||
      options.batchSize > count
    ) {
      throw new ManyViewsError('INVALID_OPTION', 'batchSize must fit the dataset', {
        expected: `an integer in [2, ${count}]`,
        received: options.batchSize,
      });
    }
    if (!Number.isInteger(views) || views < 2) {
      throw new ManyViewsError('INVALID_OPTION', 'views per example must be at least 2', {
        expected: 'an integer >= 2',
        received: views,
      });
    }
    const { clips, ...rest } = options;
    this.options = { workers: 1, prefetch: 3, logger: silentLogger, ...rest, views };
    this.order = new EpochOrder(options.seed, count, options.batchSize);
    this.stepsPerEpoch = this.order.stepsPerEpoch;

    // Fail fast on a bad recipe, on this thread, with the field named.
    const local = createAudioViewMaker(options);
    this.local = local;
    this.inputShape = [local.frames, local.bins];
    this.clips = packClips(clips, this.options.workers > 0);
    this.startWorkers();
  }

  /**
   * Yields batches from global step `fromStep` up to `epochs * stepsPerEpoch`.
   *
   * @param epochs total epochs of the run
   * @param fromStep first step to produce (to resume); default 0
   */
  async *batches(epochs: number, fromStep = 0): AsyncGenerator<ViewBatch> {
    const { batchSize, views, prefetch } = this.options;
    const steps = prefetched(this.stepsPerEpoch, epochs, fromStep, prefetch, (epoch, batch) =>
      this.request(epoch, batch),
    );
    for await (const { epoch, step, value } of steps) {
      yield { epoch, step, size: batchSize, views, inputShape: this.inputShape, data: value };
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
      try {
        return Promise.resolve(this.local(this.clips, epoch, indices, this.options.views));
      } catch (error) {
        return Promise.reject(error);
      }
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
    if (this.options.workers === 0) return;
    const script = workerScript();
    if (!script) {
      this.options.logger.warn('view workers need the built package; making views on this thread');
      return;
    }

    const { recipe, preprocess, seed } = this.options;
    const spec: AudioViewSpec = { recipe, preprocess, seed };
    for (let i = 0; i < this.options.workers; i++) {
      // The samples sit on a SharedArrayBuffer: every worker reads the same copy.
      const worker = new Worker(script, { workerData: { spec, clips: this.clips } });
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
  const here = new URL('./audio-view-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const built = new URL('../../dist/views/audio-view-worker.js', import.meta.url);
  return existsSync(fileURLToPath(built)) ? built : undefined;
}
