/** One training batch of views, view-major: view `v` of example `r` is row `v * size + r`. */
export interface ViewBatch {
  epoch: number;
  /** Global step index, counted from 0 over all epochs. */
  step: number;
  /** Examples in the batch. */
  size: number;
  /** Views per example. */
  views: number;
  /** Shape of one view, without the batch axis (e.g. `[784]`, or `[frames, bins]`). */
  inputShape: number[];
  /** `views * size * prod(inputShape)` values. */
  data: Float32Array;
}

/**
 * Where a trainer gets its batches. The order of data and the views must depend only on the seed
 * and the step, so a run resumed at step `k` sees exactly what a straight run would.
 */
export interface ViewSource {
  /** Full batches per epoch (a last partial batch is dropped). */
  readonly stepsPerEpoch: number;
  /** Batches from global step `fromStep` up to `epochs * stepsPerEpoch`. */
  batches(epochs: number, fromStep?: number): AsyncGenerator<ViewBatch>;
  /** Frees threads or files the source holds. */
  close(): Promise<void>;
}
