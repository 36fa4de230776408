import { ManyViewsError, Rng } from '@manyviews/augment-core';
import { TextFeaturizer, type TextFeaturizerConfig } from '../text-featurizer.js';
import { EpochOrder, prefetched } from './epoch-order.js';
import type { ViewBatch, ViewSource } from './view-source.js';

/**
 * Draws `n` augmented views of one text from `rng` (view `i` from `rng.fork(i)`), e.g.
 * `(text, rng, n) => makeViews(text, pipeline, rng, n).map((v) => v.output.text)` with
 * `@manyviews/augment-text`. The core takes a function so it needs no text package.
 */
export type TextAugmenter = (text: string, rng: Rng, n: number) => string[];

/** Options of {@link TextViewSource}. */
export interface TextViewSourceOptions {
  texts: readonly string[];
  augment: TextAugmenter;
  /** How views become encoder inputs; a model's `preprocess`. */
  featurizer: Partial<TextFeaturizerConfig>;
  /** Seed of the run; example `i` of epoch `e` draws its views from `fork('views', e, i)`. */
  seed: number;
  batchSize: number;
  /** Views per example; default 2. */
  views?: number;
  /** Batches made ahead of the consumer; default 2. */
  prefetch?: number;
}

/**
 * Batches of augmented text views as dense hashed bags, in the seeded order every source uses
 * ({@link EpochOrder}): epoch `e` is `Rng(seed).fork('order', e).permutation(count)` cut into
 * full batches. Views depend only on the seed, the epoch and the example, so a resumed run sees
 * what a straight run would.
 *
 * Views are made on the calling thread: a batch of 512 EDA views takes about 20 ms, an order of
 * magnitude under the encoder's step.
 */
export class TextViewSource implements ViewSource {
  readonly stepsPerEpoch: number;
  readonly featurizer: TextFeaturizer;
  private readonly order: EpochOrder;
  private readonly root: Rng;
  private readonly views: number;

  /**
   * @throws {ManyViewsError} `INVALID_OPTION` for a batch larger than the data, fewer than two
   *   views, or a bad featuriser config
   */
  constructor(private readonly options: TextViewSourceOptions) {
    const views = options.views ?? 2;
    const count = options.texts.length;
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
    this.views = views;
    this.featurizer = new TextFeaturizer(options.featurizer);
    this.order = new EpochOrder(options.seed, count, options.batchSize);
    this.stepsPerEpoch = this.order.stepsPerEpoch;
    this.root = new Rng(options.seed).fork('views');
  }

  /**
   * Yields batches from global step `fromStep` up to `epochs * stepsPerEpoch`.
   *
   * @param epochs total epochs of the run
   * @param fromStep first step to produce (to resume); default 0
   */
  async *batches(epochs: number, fromStep = 0): AsyncGenerator<ViewBatch> {
    const { batchSize, prefetch } = this.options;
    const inputShape = [this.featurizer.inputSize];
    const steps = prefetched(this.stepsPerEpoch, epochs, fromStep, prefetch ?? 2, (epoch, batch) =>
      Promise.resolve(this.make(epoch, this.order.indices(epoch, batch))),
    );
    for await (const { epoch, step, value } of steps) {
      yield { epoch, step, size: batchSize, views: this.views, inputShape, data: value };
    }
  }

  /**
   * The views of some examples in epoch `epoch`, as view-major dense bags: view `v` of row `r`
   * starts at `(v * indices.length + r) * inputSize`.
   */
  make(epoch: number, indices: ArrayLike<number>, views = this.views): Float32Array {
    const width = this.featurizer.inputSize;
    const batch = indices.length;
    const out = new Float32Array(views * batch * width);
    for (let r = 0; r < batch; r++) {
      const index = indices[r];
      const texts = this.options.augment(
        this.options.texts[index],
        this.root.fork(epoch, index),
        views,
      );
      for (let v = 0; v < views; v++) {
        this.featurizer.writeDense(texts[v], out, (v * batch + r) * width);
      }
    }
    return out;
  }

  /** Nothing to free: views are made on the calling thread. */
  async close(): Promise<void> {}
}
