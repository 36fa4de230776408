import { ManyViewsError, type ParamSpecs, validateParams } from '@manyviews/augment-core';

/**
 * Validates a factory's options against its specs (the same check a recipe gets), naming fields
 * as `name.field`.
 *
 * @throws {ManyViewsError} `RECIPE_UNKNOWN_PARAM`, `RECIPE_MISSING_PARAM`, `RECIPE_INVALID_PARAM`
 */
export function resolveOptions(
  name: string,
  specs: ParamSpecs,
  options: object | undefined,
): Record<string, unknown> {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new ManyViewsError('RECIPE_INVALID_PARAM', `${name}: options must be an object`, {
      expected: 'an object',
      received: options,
    });
  }
  return validateParams(specs, { ...(options ?? {}) } as Record<string, unknown>, name);
}

/** The error a replayed record gets when it does not fit the transform. */
export function badRecord(name: string, expected: string, received: unknown): ManyViewsError {
  return new ManyViewsError('INVALID_RECORD', `${name}: the record cannot be replayed`, {
    expected,
    received,
  });
}
