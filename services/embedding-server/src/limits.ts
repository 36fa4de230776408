import { ManyViewsError } from '@manyviews/augment-core';

/** Limits of the server. Every field is optional in `createApp`; see the defaults. */
export interface ServerLimits {
  /** Largest body in bytes of the embedding routes, JSON or multipart (default 16 MiB). */
  maxBodyBytes: number;
  /** Largest body in bytes of the collection write routes (default 64 MiB). */
  maxCollectionBodyBytes: number;
  /** Most inputs one request may ask to embed, all fields together (default 64). */
  maxInputs: number;
  /** Most items one collection write or delete may carry (default 1000). */
  maxItems: number;
  /** Longest text input in UTF-16 code units, for text models (default 100000). */
  maxTextLength: number;
  /**
   * Most decoded image pixels one request may cost, all its images together, checked from the
   * files' headers before any is decoded; over it the request gets 413 `REQUEST_PIXELS_TOO_LARGE`
   * (default 40,000,000: one 40-megapixel image, or 64 images of 625,000 pixels, about 790x790).
   */
  maxRequestPixels: number;
  /** Largest `k` a search may ask for (default 1000). */
  maxK: number;
  /**
   * Most inputs of concurrent requests merged into one forward pass of a model (default 64). A
   * single request of more inputs (up to `maxInputs`) runs as a pass of its own, unsplit.
   */
  maxBatchSize: number;
  /**
   * How long the first request queued for an idle model waits for others to join its pass, in
   * ms (default 2; 0 merges only what arrives in the same event-loop turn). Requests that arrive
   * while a pass runs wait for it anyway and ride the next one together.
   */
  maxBatchWaitMs: number;
  /** Most inputs waiting per model before a new request gets 429 `QUEUE_FULL` (default 1024). */
  maxQueue: number;
  /**
   * How long a request may wait for its model, in the queue and in the forward pass together,
   * before it is answered 504 `REQUEST_TIMEOUT`, in ms (default 30000).
   */
  requestTimeoutMs: number;
}

/** The limits used when `createApp` is given none. */
export const DEFAULT_LIMITS: Readonly<ServerLimits> = Object.freeze({
  maxBodyBytes: 16 * 1024 * 1024,
  maxCollectionBodyBytes: 64 * 1024 * 1024,
  maxInputs: 64,
  maxItems: 1000,
  maxTextLength: 100_000,
  maxRequestPixels: 40_000_000,
  maxK: 1000,
  maxBatchSize: 64,
  maxBatchWaitMs: 2,
  maxQueue: 1024,
  requestTimeoutMs: 30_000,
});

// A zero wait is meaningful (batch only what is already queued); every other limit must allow one.
const MAY_BE_ZERO = new Set<keyof ServerLimits>(['maxBatchWaitMs']);

/**
 * Fills in defaults and checks the limits once, when the app is built.
 *
 * @param limits any subset of {@link ServerLimits}
 * @throws {ManyViewsError} `INVALID_LIMITS` when a limit is not a positive integer (or, for
 *   `maxBatchWaitMs`, a non-negative one)
 */
export function resolveLimits(limits: Partial<ServerLimits> = {}): ServerLimits {
  const resolved = { ...DEFAULT_LIMITS, ...limits };

  for (const key of Object.keys(DEFAULT_LIMITS) as Array<keyof ServerLimits>) {
    const value = resolved[key];
    const min = MAY_BE_ZERO.has(key) ? 0 : 1;
    if (!Number.isSafeInteger(value) || value < min) {
      throw new ManyViewsError('INVALID_LIMITS', `limits.${key} must be an integer >= ${min}`, {
        expected: `an integer >= ${min}`,
        received: value,
      });
    }
  }
  return resolved;
}
