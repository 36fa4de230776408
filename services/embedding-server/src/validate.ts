import { ManyViewsError } from '@manyviews/augment-core';

/** What one field of a JSON request holds, for the messages of missing and unknown fields. */
export interface FieldSpec {
  required: boolean;
  /** In words, e.g. `"a model name"`. */
  expected: string;
}

/**
 * Checks that a parsed JSON body is an object holding exactly the fields of `spec`.
 *
 * @param value the parsed body
 * @param spec the fields the route accepts
 * @returns the body as a record
 * @throws {ManyViewsError} `INVALID_BODY` when it is not an object, `MISSING_FIELD` for a required
 *   field that is absent (or null), `UNKNOWN_FIELD` for one the route does not take
 */
export function checkFields(
  value: unknown,
  spec: Record<string, FieldSpec>,
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ManyViewsError('INVALID_BODY', 'the request body must be a JSON object', {
      expected: `an object with ${describeFields(spec)}`,
      received: value,
    });
  }
  const body = value as Record<string, unknown>;

  for (const key of Object.keys(body)) {
    if (!Object.hasOwn(spec, key)) {
      throw new ManyViewsError('UNKNOWN_FIELD', `${key} is not a field of this request`, {
        expected: describeFields(spec),
        received: key,
      });
    }
  }
  for (const [key, field] of Object.entries(spec)) {
    if (field.required && (body[key] === undefined || body[key] === null)) {
      throw new ManyViewsError('MISSING_FIELD', `${key} is required`, { expected: field.expected });
    }
  }
  return body;
}

/**
 * @param value a field's value
 * @param field its name, for the message
 * @returns the value, when it is a non-empty string
 * @throws {ManyViewsError} `INVALID_FIELD` otherwise
 */
export function expectName(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw invalidField(field, 'a non-empty string', value);
  }
  return value;
}

/** A request's inputs: one string, or a list of them. */
export interface InputStrings {
  list: boolean;
  items: string[];
  /** The name of each item for messages: `input`, or `input[2]` within a list. */
  labels: string[];
}

/**
 * Reads a field that holds one input or a list of inputs.
 *
 * @param value the field's value
 * @param field its name
 * @param mode `single` (a string) or `list` (a string or a non-empty list of strings)
 * @throws {ManyViewsError} `INVALID_FIELD` for a value that is neither, an empty list, or a list
 *   holding a non-string (the message names the item, e.g. `input[3]`)
 */
export function expectInputs(value: unknown, field: string, mode: 'single' | 'list'): InputStrings {
  if (typeof value === 'string') return { list: false, items: [value], labels: [field] };

  const expected = mode === 'single' ? 'a string' : 'a string or a non-empty list of strings';
  if (mode === 'single' || !Array.isArray(value)) throw invalidField(field, expected, value);
  if (value.length === 0) throw invalidField(field, expected, value);

  const labels = value.map((_, i) => `${field}[${i}]`);
  value.forEach((item, i) => {
    if (typeof item !== 'string') throw invalidField(labels[i], 'a string', item);
  });
  return { list: true, items: value as string[], labels };
}

/**
 * Reads an integer field within [1, max].
 *
 * @param fromText true for a multipart field, which is always text: then a decimal string counts
 * @throws {ManyViewsError} `INVALID_FIELD` for anything else, naming the range
 */
export function expectCount(value: unknown, field: string, max: number, fromText = false): number {
  const n =
    fromText && typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > max) {
    throw invalidField(field, `an integer in [1, ${max}]`, value);
  }
  return n;
}

/**
 * Checks that a request asks for no more than `max` inputs.
 *
 * @param count inputs in the request, all fields together
 * @param fields which fields they came from, for the message
 * @throws {ManyViewsError} `TOO_MANY_INPUTS`
 */
export function checkInputCount(count: number, fields: string, max: number): void {
  if (count > max) {
    throw new ManyViewsError('TOO_MANY_INPUTS', `${fields}: too many inputs in one request`, {
      expected: `at most ${max}`,
      received: count,
    });
  }
}

/** An `INVALID_FIELD` error whose message names the field. */
export function invalidField(field: string, expected: string, received: unknown): ManyViewsError {
  return new ManyViewsError('INVALID_FIELD', `${field} has the wrong type or value`, {
    expected,
    received,
  });
}

function describeFields(spec: Record<string, FieldSpec>): string {
  return Object.entries(spec)
    .map(([key, field]) => `${key}${field.required ? '' : '?'}: ${field.expected}`)
    .join(', ');
}
