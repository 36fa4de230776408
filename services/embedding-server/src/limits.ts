import { ManyViewsError } from '@manyviews/augment-core';

/** Per-request limits of the server. Every field is optional in `createApp`; see the defaults. */
export interface ServerLimits {
  /** Largest request body in bytes, JSON or multipart (default 16 MiB). */
  maxBodyBytes: number;
  /** Most inputs one request may ask to embed, all fields together (default 64). */
  maxInputs: number;
  /** Largest `k` a search may ask for (default 1000). */
  maxK: number;
}

/** The limits used when `createApp` is given none. */
export const DEFAULT_LIMITS: Readonly<ServerLimits> = Object.freeze({
  maxBodyBytes: 16 * 1024 * 1024,
  maxInputs: 64,
  maxK: 1000,
});

/**
 * Fills in defaults and checks the limits once, when the app is built.
 *
 * @param limits any subset of {@link ServerLimits}
 * @throws {ManyViewsError} `INVALID_LIMITS` when a limit is not a positive integer
 */
export function resolveLimits(limits: Partial<ServerLimits> = {}): ServerLimits {
  const resolved = { ...DEFAULT_LIMITS, ...limits };

  for (const key of Object.keys(DEFAULT_LIMITS) as Array<keyof ServerLimits>) {
    const value = resolved[key];
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new ManyViewsError('INVALID_LIMITS', `limits.${key} must be a positive integer`, {
        expected: 'an integer >= 1',
        received: value,
      });
    }
  }
  return resolved;
}
