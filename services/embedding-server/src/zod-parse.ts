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
    expected: expectationOf(issue),
    received: issue.input,
  });
}

// zod's own message for a union none of whose branches matched, which says nothing of them.
const ZOD_UNION_MESSAGE = 'Invalid input';

/**
 * What the schema wanted, in the server's own words ("an integer >= 1", "one of float,
 * base64"), not zod's message, whose wording changes between zod versions. Refinements keep
 * their message, which the route wrote; so do a regex and a union given an `error` in the
 * schema (the rule in words, e.g. the characters a name may hold). A union without one is
 * described by its branches ("a string or a list").
 */
export function expectationOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'int'
        ? 'an integer'
        : `${article(issue.expected)} ${issue.expected}`;
    case 'too_small':
      return bound(issue.origin, issue.minimum, issue.inclusive ? '>=' : '>', 'at least');
    case 'too_big':
      return bound(issue.origin, issue.maximum, issue.inclusive ? '<=' : '<', 'at most');
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      // A regex says nothing to a client as a "format"; its schema states the rule in words.
      if (issue.format === 'regex') return issue.message;
      return `a string in ${issue.format} format`;
    case 'invalid_union':
      if (issue.message !== ZOD_UNION_MESSAGE) return issue.message;
      return issue.errors.map((branch) => branchExpectation(branch[0])).join(' or ');
    case 'not_multiple_of':
      return `a multiple of ${issue.divisor}`;
    default:
      return issue.message;
  }
}

function branchExpectation(issue: z.core.$ZodIssue | undefined): string {
  if (issue === undefined) return 'another value';
  if (issue.code === 'invalid_type' && issue.expected === 'array') return 'a list';
  if (issue.code === 'invalid_type' && issue.expected === 'null') return 'null';
  return expectationOf(issue);
}

function bound(origin: string, limit: number | bigint, op: string, words: string): string {
  if (origin === 'string') return `a string of ${words} ${limit} characters`;
  if (origin === 'array' || origin === 'set') return `${words} ${limit} items`;
  return `a number ${op} ${limit}`;
}

function article(noun: string): string {
  return /^[aeiou]/.test(noun) ? 'an' : 'a';
}

function fieldPath(path: PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}
