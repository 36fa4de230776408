import { ManyViewsError } from '@manyviews/augment-core';
import * as tf from '@tensorflow/tfjs-core';

/**
 * A first-in first-out queue of recent anchor projections (MoCo's queue, He et al. 2020): extra
 * candidates for objectives whose partition runs over more than the batch. Rows are stored
 * L2-normalised and without gradient; the owner calls `dispose`.
 */
export class MemoryBank {
  private chunks: tf.Tensor2D[] = [];
  private rows = 0;

  /**
   * @param capacity rows kept (the oldest are dropped first); at least 1
   * @throws {ManyViewsError} `INVALID_OPTION` for a capacity below 1
   */
  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new ManyViewsError('INVALID_OPTION', 'the memory bank needs a positive size', {
        expected: 'an integer >= 1',
        received: capacity,
      });
    }
  }

  /** Rows held now. */
  get size(): number {
    return this.rows;
  }

  /** The bank as one `[size, dim]` tensor (the caller disposes it), or undefined when empty. */
  tensor(): tf.Tensor2D | undefined {
    if (this.rows === 0) return undefined;
    return tf.concat(this.chunks, 0);
  }

  /** Adds `z` (`[n, dim]`, any scale) as the newest rows. */
  push(z: tf.Tensor2D): void {
    // A tensor read in a later step is a constant there: gradients only follow the ops recorded
    // while that step's loss is computed.
    const stored = tf.tidy(
      () => tf.keep(tf.div(z, tf.norm(z, 'euclidean', 1, true))) as tf.Tensor2D,
    );
    this.chunks.push(stored);
    this.rows += stored.shape[0];
    while (this.rows - this.chunks[0].shape[0] >= this.capacity) {
      const old = this.chunks.shift()!;
      this.rows -= old.shape[0];
      old.dispose();
    }
    if (this.rows > this.capacity) {
      const [first] = this.chunks;
      const drop = this.rows - this.capacity;
      this.chunks[0] = tf.keep(tf.slice(first, [drop, 0], [-1, -1]));
      first.dispose();
      this.rows = this.capacity;
    }
  }

  dispose(): void {
    for (const c of this.chunks) c.dispose();
    this.chunks = [];
    this.rows = 0;
  }
}
