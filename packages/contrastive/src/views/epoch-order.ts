import { ManyViewsError, Rng } from '@manyviews/augment-core';

/**
 * Seeded data order: the examples of each epoch as a permutation of `0 .. count-1`, drawn from
 * `Rng(seed).fork('order', epoch)`, cut into `floor(count / batchSize)` full batches. One epoch's
 * permutation is cached, since batches are asked for in order.
 */
export class EpochOrder {
  private cached?: { epoch: number; order: Uint32Array };

  constructor(
    readonly seed: number,
    readonly count: number,
    readonly batchSize: number,
  ) {}

  /** Full batches per epoch. */
  get stepsPerEpoch(): number {
    return Math.floor(this.count / this.batchSize);
  }

  /** Example indices of batch `batch` (0-based within the epoch) of epoch `epoch`. */
  indices(epoch: number, batch: number): Uint32Array {
    if (this.cached?.epoch !== epoch) {
      this.cached = {
        epoch,
        order: new Rng(this.seed).fork('order', epoch).permutation(this.count),
      };
    }
    return this.cached.order.slice(batch * this.batchSize, (batch + 1) * this.batchSize);
  }
}

/**
 * Yields `{ epoch, step, batch }` from global step `fromStep` to `epochs * stepsPerEpoch`, with up
 * to `prefetch` calls of `make` in flight, so a source can produce ahead of its consumer.
 */
export async function* prefetched<T>(
  stepsPerEpoch: number,
  epochs: number,
  fromStep: number,
  prefetch: number,
  make: (epoch: number, batch: number) => Promise<T>,
): AsyncGenerator<{ epoch: number; step: number; value: T }> {
  const total = epochs * stepsPerEpoch;
  const queue: Array<{ step: number; epoch: number; value: Promise<T> }> = [];
  let next = fromStep;
  const fill = () => {
    while (next < total && queue.length < Math.max(1, prefetch)) {
      const epoch = Math.floor(next / stepsPerEpoch);
      const value = make(epoch, next % stepsPerEpoch);
      // Batches ahead of the consumer may fail before it awaits them (a worker reporting a bad
      // recipe fails every request in flight); the consumer sees the first failure when it gets
      // there, and the others must not surface as unhandled rejections that kill the process.
      value.catch(() => undefined);
      queue.push({ step: next, epoch, value });
      next++;
    }
  };

  fill();
  while (queue.length > 0) {
    const head = queue.shift()!;
    const value = await head.value;
    fill();
    yield { epoch: head.epoch, step: head.step, value };
  }
}

/**
 * Checks a view source's batching where it is built: full batches of at least 2 examples that
 * fit the data, and at least 2 views per example.
 *
 * @throws {ManyViewsError} `INVALID_OPTION` naming what is wrong
 */
export function checkBatching(count: number, batchSize: number, views: number): void {
  if (!Number.isInteger(batchSize) || batchSize < 2 || batchSize > count) {
    throw new ManyViewsError('INVALID_OPTION', 'batchSize must fit the dataset', {
      expected: `an integer in [2, ${count}]`,
      received: batchSize,
    });
  }
  if (!Number.isInteger(views) || views < 2) {
    throw new ManyViewsError('INVALID_OPTION', 'views per example must be at least 2', {
      expected: 'an integer >= 2',
      received: views,
    });
  }
}
