import type { AudioClip } from '@manyviews/augment-audio';
import { type Logger, silentLogger } from '@manyviews/augment-core';
import {
  type AudioViewMaker,
  type AudioViewSpec,
  createAudioViewMaker,
  type PackedClips,
  packClips,
} from './audio-view-maker.js';
import { checkBatching, EpochOrder, prefetched } from './epoch-order.js';
import type { ViewBatch, ViewSource } from './view-source.js';
import { builtWorkerScript, ViewWorkers } from './view-workers.js';

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
  private readonly workers: ViewWorkers;
  private readonly local: AudioViewMaker;
  private readonly order: EpochOrder;

  /**
   * @throws {ManyViewsError} `INVALID_OPTION` for a batch larger than the data or bad counts;
   *   recipe and preprocess errors of {@link createAudioViewMaker}
   */
  constructor(options: AudioViewPoolOptions) {
    const count = options.clips.length;
    const views = options.views ?? 2;
    checkBatching(count, options.batchSize, views);
    const { clips, ...rest } = options;
    this.options = { workers: 1, prefetch: 3, logger: silentLogger, ...rest, views };
    this.order = new EpochOrder(options.seed, count, options.batchSize);
    this.stepsPerEpoch = this.order.stepsPerEpoch;

    // Fail fast on a bad recipe, on this thread, with the field named.
    const local = createAudioViewMaker(options);
    this.local = local;
    this.inputShape = [local.frames, local.bins];
    this.clips = packClips(clips, this.options.workers > 0);
    const { recipe, preprocess, seed, workers, logger } = this.options;
    const spec: AudioViewSpec = { recipe, preprocess, seed };
    // The samples sit on a SharedArrayBuffer: every worker reads the same copy.
    const script = workers > 0 ? builtWorkerScript('audio-view-worker.js') : undefined;
    this.workers = new ViewWorkers(script, workers, { spec, clips: this.clips }, logger);
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
    await this.workers.close();
  }

  private request(epoch: number, batch: number): Promise<Float32Array> {
    const indices = this.order.indices(epoch, batch);
    if (!this.workers.running) {
      try {
        return Promise.resolve(this.local(this.clips, epoch, indices, this.options.views));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return this.workers.request(epoch, indices, this.options.views);
  }
}
