import { describeValue, ManyViewsError } from '@manyviews/augment-core';

/** A metadata value: a JSON scalar, or a list of strings and numbers. */
export type MetadataValue = string | number | boolean | null | Array<string | number>;

/** An item's metadata. */
export type Metadata = Record<string, MetadataValue>;

/** A compiled filter: true for the items it keeps. */
export type MetadataPredicate = (metadata: Metadata) => boolean;

const OPERATORS = new Set(['$eq', '$ne', '$in', '$gt', '$gte', '$lt', '$lte']);

/**
 * Compiles a metadata filter once per request, so the scan over a collection only calls a
 * closure per row.
 *
 * The language is the subset of MongoDB's query operators that vector stores commonly share
 * (https://www.mongodb.com/docs/manual/reference/operator/query/): each key names a field and all
 * must hold (AND). A plain value means equality (`{ "color": "red" }`); against a list field it
 * means the list contains the value. An object of operators tests the field: `$eq`, `$ne`, `$in`
 * (a list of values), and `$gt`, `$gte`, `$lt`, `$lte` (numbers; a missing or non-numeric field
 * never matches).
 *
 * @param filter the request's `filter` object
 * @returns the predicate
 * @throws {ManyViewsError} `INVALID_FILTER` for an unknown operator, a non-numeric bound, a
 *   non-list `$in` or a value that is not a JSON scalar, naming the field
 *
 * @example
 * const keep = compileFilter({ color: { $in: ['red', 'blue'] }, size: { $gt: 2 } });
 * keep({ color: 'red', size: 3 }); // true
 */
export function compileFilter(filter: Record<string, unknown>): MetadataPredicate {
  const tests: MetadataPredicate[] = [];
  for (const [field, condition] of Object.entries(filter)) {
    if (isScalar(condition)) {
      tests.push((m) => matchesEqual(m[field], condition));
      continue;
    }
    if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) {
      throw invalidFilter(field, 'a value or an object of operators', condition);
    }
    for (const [op, operand] of Object.entries(condition))
      tests.push(compileOperator(field, op, operand));
  }
  return (metadata) => {
    for (const test of tests) if (!test(metadata)) return false;
    return true;
  };
}

function compileOperator(field: string, op: string, operand: unknown): MetadataPredicate {
  if (!OPERATORS.has(op)) {
    throw invalidFilter(`${field}.${op}`, `one of ${[...OPERATORS].join(', ')}`, op);
  }
  if (op === '$eq' || op === '$ne') {
    if (!isScalar(operand))
      throw invalidFilter(`${field}.${op}`, 'a string, number, boolean or null', operand);
    return op === '$eq'
      ? (m) => matchesEqual(m[field], operand)
      : (m) => !matchesEqual(m[field], operand);
  }
  if (op === '$in') {
    if (!Array.isArray(operand) || !operand.every(isScalar)) {
      throw invalidFilter(`${field}.$in`, 'a list of strings, numbers, booleans or null', operand);
    }
    const values = operand as Array<string | number | boolean | null>;
    return (m) => values.some((v) => matchesEqual(m[field], v));
  }

  if (typeof operand !== 'number' || !Number.isFinite(operand)) {
    throw invalidFilter(`${field}.${op}`, 'a finite number', operand);
  }
  const compare: (x: number) => boolean =
    op === '$gt'
      ? (x) => x > operand
      : op === '$gte'
        ? (x) => x >= operand
        : op === '$lt'
          ? (x) => x < operand
          : (x) => x <= operand;
  return (m) => {
    const value = m[field];
    return typeof value === 'number' && compare(value);
  };
}

function matchesEqual(
  value: MetadataValue | undefined,
  wanted: string | number | boolean | null,
): boolean {
  if (Array.isArray(value)) return value.some((v) => v === wanted);
  // A missing field equals null, as in MongoDB: { deleted: null } keeps items without the field.
  return (value ?? null) === wanted;
}

function isScalar(value: unknown): value is string | number | boolean | null {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function invalidFilter(field: string, expected: string, received: unknown): ManyViewsError {
  return new ManyViewsError('INVALID_FILTER', `filter.${field} is not a valid condition`, {
    expected,
    received: describeValue(received),
  });
}
