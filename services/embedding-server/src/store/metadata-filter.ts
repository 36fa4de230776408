import { describeValue, ManyViewsError } from '@manyviews/augment-core';

/** A metadata value: a JSON scalar, or a list of strings and numbers. */
export type MetadataValue = string | number | boolean | null | Array<string | number>;

/** An item's metadata. */
export type Metadata = Record<string, MetadataValue>;

/** A JSON scalar a condition compares with. */
export type FilterScalar = string | number | boolean | null;

/**
 * One parsed condition on one field. `$eq` is also what a plain value means; `$in` holds when any
 * of its values is equal; the numeric bounds only hold for a numeric field.
 */
export type FilterCondition =
  | { field: string; op: '$eq' | '$ne'; value: FilterScalar }
  | { field: string; op: '$in'; values: FilterScalar[] }
  | { field: string; op: '$gt' | '$gte' | '$lt' | '$lte'; value: number };

/**
 * A compiled filter: true for the items it keeps. It carries the conditions it was compiled
 * from, all of which must hold, so a store that filters elsewhere (a database) can translate
 * them instead of calling the closure on every row.
 */
export interface MetadataPredicate {
  (metadata: Metadata): boolean;
  readonly conditions: readonly FilterCondition[];
}

/**
 * Whether `key` can name a metadata field, in a filter and so on an item: not empty, and not
 * starting with `$`, which a filter reads as an operator. The stores refuse other keys on write
 * (see `checkWrite`), so every stored field can be filtered on.
 */
export function isFieldName(key: string): boolean {
  return key !== '' && !key.startsWith('$');
}

/** What {@link isFieldName} accepts, for error messages. */
export const FIELD_NAME_RULE = 'a metadata field name, not empty and not starting with "$"';

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
 * never matches). A missing field (one the item does not have as its own) equals `null`.
 *
 * @param filter the request's `filter` object
 * @returns the predicate, with its parsed `conditions`
 * @throws {ManyViewsError} `INVALID_FILTER` for an unknown operator, an empty object of
 *   operators, a field name that is empty or starts with `$` (no logical operators), a
 *   non-numeric bound, a non-list `$in` or a value that is not a JSON scalar, naming the field
 *
 * @example
 * const keep = compileFilter({ color: { $in: ['red', 'blue'] }, size: { $gt: 2 } });
 * keep({ color: 'red', size: 3 }); // true
 */
export function compileFilter(filter: Record<string, unknown>): MetadataPredicate {
  const conditions = parseFilter(filter);
  const tests = conditions.map(testOf);
  const predicate = (metadata: Metadata) => {
    for (const test of tests) if (!test(metadata)) return false;
    return true;
  };
  return Object.assign(predicate, { conditions });
}

/**
 * Checks a filter and lists its conditions, in the order written.
 *
 * @throws {ManyViewsError} `INVALID_FILTER`, as {@link compileFilter}
 */
export function parseFilter(filter: Record<string, unknown>): FilterCondition[] {
  const conditions: FilterCondition[] = [];
  for (const [field, condition] of Object.entries(filter)) {
    // A `$` key is a MongoDB logical operator ($and, $or, $not, ...), which this subset lacks:
    // read as a field name it would test a field no item has, and quietly match by null.
    if (!isFieldName(field)) {
      throw invalidFilter(field, `${FIELD_NAME_RULE} (logical operators are not supported)`, field);
    }
    if (isScalar(condition)) {
      conditions.push({ field, op: '$eq', value: condition });
      continue;
    }
    if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) {
      throw invalidFilter(field, 'a value or an object of operators', condition);
    }
    // An object with no operator would add no condition and so keep every item.
    if (Object.keys(condition).length === 0) {
      throw invalidFilter(
        field,
        `an object with at least one of ${[...OPERATORS].join(', ')}`,
        condition,
      );
    }
    for (const [op, operand] of Object.entries(condition))
      conditions.push(parseOperator(field, op, operand));
  }
  return conditions;
}

function parseOperator(field: string, op: string, operand: unknown): FilterCondition {
  if (!OPERATORS.has(op)) {
    throw invalidFilter(`${field}.${op}`, `one of ${[...OPERATORS].join(', ')}`, op);
  }
  if (op === '$eq' || op === '$ne') {
    if (!isScalar(operand))
      throw invalidFilter(`${field}.${op}`, 'a string, number, boolean or null', operand);
    return { field, op, value: operand };
  }
  if (op === '$in') {
    if (!Array.isArray(operand) || !operand.every(isScalar)) {
      throw invalidFilter(`${field}.$in`, 'a list of strings, numbers, booleans or null', operand);
    }
    return { field, op, values: operand };
  }

  if (typeof operand !== 'number' || !Number.isFinite(operand)) {
    throw invalidFilter(`${field}.${op}`, 'a finite number', operand);
  }
  return { field, op: op as '$gt' | '$gte' | '$lt' | '$lte', value: operand };
}

function testOf(condition: FilterCondition): (metadata: Metadata) => boolean {
  const { field } = condition;
  const read = (m: Metadata) => (Object.hasOwn(m, field) ? m[field] : undefined);
  switch (condition.op) {
    case '$eq':
      return (m) => matchesEqual(read(m), condition.value);
    case '$ne':
      return (m) => !matchesEqual(read(m), condition.value);
    case '$in':
      return (m) => condition.values.some((v) => matchesEqual(read(m), v));
  }

  const bound = condition.value;
  const compare: (x: number) => boolean =
    condition.op === '$gt'
      ? (x) => x > bound
      : condition.op === '$gte'
        ? (x) => x >= bound
        : condition.op === '$lt'
          ? (x) => x < bound
          : (x) => x <= bound;
  return (m) => {
    const value = read(m);
    return typeof value === 'number' && compare(value);
  };
}

function matchesEqual(value: MetadataValue | undefined, wanted: FilterScalar): boolean {
  if (Array.isArray(value)) return value.some((v) => v === wanted);
  // A missing field equals null, as in MongoDB: { deleted: null } keeps items without the field.
  return (value ?? null) === wanted;
}

function isScalar(value: unknown): value is FilterScalar {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function invalidFilter(field: string, expected: string, received: unknown): ManyViewsError {
  return new ManyViewsError('INVALID_FILTER', `filter.${field} is not a valid condition`, {
    expected,
    received: describeValue(received),
  });
}
