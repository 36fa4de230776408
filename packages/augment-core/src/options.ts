import { ManyViewsError } from './errors.js';
import { type ParamSpecs, validateParams } from './params.js';

/**
 * Validates a transform factory's options against its specs, the same check a recipe step gets,
 * naming fields as `name.field`. Domain packages call it when a transform is built from code.
 *
 * @param name the transform's name, for messages
 * @param specs what it accepts
 * @param options what the caller gave (`undefined` means all defaults)
 * @returns the options with defaults filled in
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

/**
 * The error `apply` throws for a record that does not fit the transform (edited by hand, or made
 * by another pipeline).
 *
 * @returns a `ManyViewsError` with code `INVALID_RECORD`
 */
export function badRecord(name: string, expected: string, received?: unknown): ManyViewsError {
  return new ManyViewsError('INVALID_RECORD', `${name}: the record cannot be replayed`, {
    expected,
    received,
  });
}
