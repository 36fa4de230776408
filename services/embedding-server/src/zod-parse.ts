import { ManyViewsError } from '@manyviews/augment-core';
import type { z } from 'zod';

/**
 * Validates a parsed JSON body against a zod schema and turns the first problem into the
 * server's stable codes, so zod-validated routes answer exactly like the hand-checked ones:
 * `UNKNOWN_FIELD` for a key a strict object does not take, `MISSING_FIELD` for an absent required
 * field, `INVALID_FIELD` (naming the field path, e.g. `items[2].id`) for anything else.
 *
 * @param schema the request schema (strict objects, so unknown keys are refused)
 * @param value the parsed body
 * @returns the parsed value
 * @throws {ManyViewsError} `INVALID_BODY`, `UNKNOWN_FIELD`, `MISSING_FIELD` or `INVALID_FIELD`
 */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ManyViewsError('INVALID_BODY', 'the request body must be a JSON object', {
      expected: 'a JSON object',
      received: value,
    });
  }
  // reportInput: zod 4 leaves the offending value out of issues unless asked.
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;

  const issue = result.error.issues[0];
  const at = fieldPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const key = at === '' ? issue.keys[0] : `${at}.${issue.keys[0]}`;
    throw new ManyViewsError('UNKNOWN_FIELD', `${key} is not a field of this request`, {
      received: key,
    });
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    throw new ManyViewsError('MISSING_FIELD', `${at} is required`, { expected: issue.expected });
  }
  throw new ManyViewsError('INVALID_FIELD', `${at || 'the body'} has the wrong type or value`, {
    expected: issue.message,
    received: issue.input,
  });
}

function fieldPath(path: PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}
