import { ManyViewsError } from '@manyviews/augment-core';

/**
 * The error a transform factory throws for an option that passes its spec but not a check across
 * fields (an even kernel, a translate fraction over 1): the same code and wording as a spec
 * failure, so callers branch on one code.
 *
 * @param field the option as `transform.field`
 * @returns a `ManyViewsError` with code `RECIPE_INVALID_PARAM`
 */
export function badOption(field: string, expected: string, received: unknown): ManyViewsError {
  return new ManyViewsError(
    'RECIPE_INVALID_PARAM',
    `${field} is out of range or of the wrong type`,
    { expected, received },
  );
}
