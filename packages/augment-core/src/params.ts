import { ManyViewsError } from './errors.js';

/** One option of a transform, as a recipe gives it. */
export type ParamSpec =
  | { kind: 'number'; min?: number; max?: number; default?: number; doc?: string }
  | { kind: 'integer'; min?: number; max?: number; default?: number; doc?: string }
  | { kind: 'boolean'; default?: boolean; doc?: string }
  | { kind: 'enum'; values: readonly string[]; default?: string; doc?: string }
  | {
      /** `[lo, hi]` with `min <= lo <= hi <= max`; a bare number `v` may stand for `[v, v]`. */
      kind: 'range';
      min?: number;
      max?: number;
      /** Both ends must be integers (a count, a codec quality); default false. */
      integer?: boolean;
      default?: readonly [number, number];
      doc?: string;
    }
  | {
      /** A list of numbers of length in `[minLength, maxLength]`, each in `[min, max]`. */
      kind: 'numbers';
      minLength?: number;
      maxLength?: number;
      min?: number;
      max?: number;
      default?: readonly number[];
      doc?: string;
    };

/** The options of one transform: name to spec. */
export type ParamSpecs = Readonly<Record<string, ParamSpec>>;

/**
 * Checks `input` against `specs`, fills defaults, and returns the normalised options.
 *
 * @param specs what the transform accepts
 * @param input what a recipe or caller gave (a plain object)
 * @param path where `input` sits, for messages (`pipeline[2]`)
 * @param reserved keys handled by the caller and ignored here (`type`)
 * @throws {ManyViewsError} `RECIPE_UNKNOWN_PARAM`, `RECIPE_MISSING_PARAM` or
 *   `RECIPE_INVALID_PARAM`, naming the field as `path.name`
 */
export function validateParams(
  specs: ParamSpecs,
  input: Record<string, unknown>,
  path: string,
  reserved: readonly string[] = [],
): Record<string, unknown> {
  // Own properties only: `key in specs` would take `toString`, `constructor` or `__proto__`
  // (an own key once JSON.parse reads it) for options, since specs inherit them from Object.
  for (const key of Object.keys(input)) {
    if (!Object.hasOwn(specs, key) && !reserved.includes(key)) {
      throw new ManyViewsError('RECIPE_UNKNOWN_PARAM', `${path}.${key} is not an option here`, {
        expected: Object.keys(specs).length
          ? `one of ${Object.keys(specs).join(', ')}`
          : 'no options',
        received: key,
      });
    }
  }

  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs)) {
    const field = `${path}.${key}`;
    const given = Object.hasOwn(input, key) ? input[key] : undefined;
    const value = given === undefined ? spec.default : given;
    if (value === undefined) {
      throw new ManyViewsError('RECIPE_MISSING_PARAM', `${field} is required`, {
        expected: describeSpec(spec),
      });
    }
    out[key] = checkValue(spec, value, field);
  }
  return out;
}

function checkValue(spec: ParamSpec, value: unknown, field: string): unknown {
  const fail = (): never => {
    throw new ManyViewsError(
      'RECIPE_INVALID_PARAM',
      `${field} is out of range or of the wrong type`,
      {
        expected: describeSpec(spec),
        received: value,
      },
    );
  };

  switch (spec.kind) {
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) fail();
      const v = value as number;
      if (spec.kind === 'integer' && !Number.isInteger(v)) fail();
      if ((spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max))
        fail();
      return v;
    }
    case 'boolean':
      if (typeof value !== 'boolean') fail();
      return value;
    case 'enum':
      if (typeof value !== 'string' || !spec.values.includes(value)) fail();
      return value;
    case 'range': {
      const pair = typeof value === 'number' ? [value, value] : value;
      if (!Array.isArray(pair) || pair.length !== 2) fail();
      const [lo, hi] = pair as unknown[];
      if (
        typeof lo !== 'number' ||
        typeof hi !== 'number' ||
        !Number.isFinite(lo) ||
        !Number.isFinite(hi)
      )
        fail();
      const a = lo as number;
      const b = hi as number;
      if (spec.integer && !(Number.isInteger(a) && Number.isInteger(b))) fail();
      if (
        a > b ||
        (spec.min !== undefined && a < spec.min) ||
        (spec.max !== undefined && b > spec.max)
      )
        fail();
      return [a, b];
    }
    case 'numbers': {
      if (!Array.isArray(value)) fail();
      const list = value as unknown[];
      if (spec.minLength !== undefined && list.length < spec.minLength) fail();
      if (spec.maxLength !== undefined && list.length > spec.maxLength) fail();
      for (const item of list) {
        if (typeof item !== 'number' || !Number.isFinite(item)) fail();
        const v = item as number;
        if ((spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max)) {
          fail();
        }
      }
      return [...list];
    }
  }
}

/** A spec in words, as error messages and `--help` show it. */
export function describeSpec(spec: ParamSpec): string {
  const bounds = (min?: number, max?: number) =>
    min !== undefined && max !== undefined
      ? ` in [${min}, ${max}]`
      : min !== undefined
        ? ` >= ${min}`
        : max !== undefined
          ? ` <= ${max}`
          : '';
  switch (spec.kind) {
    case 'number':
      return `a number${bounds(spec.min, spec.max)}`;
    case 'integer':
      return `an integer${bounds(spec.min, spec.max)}`;
    case 'boolean':
      return 'true or false';
    case 'enum':
      return `one of ${spec.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'range':
      return (
        `[lo, hi]${spec.integer ? ' integers' : ''} with lo <= hi` + bounds(spec.min, spec.max)
      );
    case 'numbers':
      return (
        `a list of ${spec.minLength ?? 0}..${spec.maxLength ?? 'any'} numbers` +
        bounds(spec.min, spec.max)
      );
  }
}
