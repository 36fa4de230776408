import type { FilterCondition, FilterScalar } from './metadata-filter.js';

/**
 * Translates parsed filter conditions into a SQL boolean over a `jsonb` column, with the same
 * meaning as `compileFilter`'s closure, so both stores keep the same items:
 *
 * - equality holds when the field equals the value, or is a list that contains it. Both halves
 *   are jsonb containment (`@>`), which a GIN `jsonb_path_ops` index can answer, and which
 *   compares numbers by value (1 and 1.0 are equal, as in JavaScript);
 * - equality with `null` holds when the field is missing or null;
 * - numeric bounds hold only for a numeric field (a CASE, since SQL does not promise to skip the
 *   cast of a string to float8 when the type test beside it is false);
 * - `$in` with no values holds for nothing.
 *
 * Every field name and value travels as a bind parameter, never inside the SQL text.
 *
 * @param conditions all must hold; none gives `true`
 * @param column the jsonb column, as SQL (the caller's own identifier, never user input)
 * @param params the statement's parameters so far; this function appends its own
 * @returns the SQL expression, never NULL for any row
 *
 * @example
 * const params = [query];
 * const where = filterSql(compileFilter({ size: { $gt: 40 } }).conditions, 'metadata', params);
 * // `CASE WHEN jsonb_typeof(metadata -> $2) = 'number' THEN (metadata -> $2)::float8 > $3 ...`
 */
export function filterSql(
  conditions: readonly FilterCondition[],
  column: string,
  params: unknown[],
): string {
  if (conditions.length === 0) return 'true';

  const bind = (value: unknown) => `$${params.push(value)}`;
  const equal = (field: string, value: FilterScalar): string => {
    if (value === null) {
      return `(coalesce(${column} -> ${bind(field)}, 'null'::jsonb) = 'null'::jsonb)`;
    }
    const scalar = bind(JSON.stringify({ [field]: value }));
    const listed = bind(JSON.stringify({ [field]: [value] }));
    return `(${column} @> ${scalar}::jsonb OR ${column} @> ${listed}::jsonb)`;
  };

  const parts = conditions.map((c) => {
    switch (c.op) {
      case '$eq':
        return equal(c.field, c.value);
      case '$ne':
        return `NOT ${equal(c.field, c.value)}`;
      case '$in':
        return c.values.length === 0
          ? 'false'
          : `(${c.values.map((v) => equal(c.field, v)).join(' OR ')})`;
    }
    const field = bind(c.field);
    const operator = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }[c.op];
    return (
      `(CASE WHEN jsonb_typeof(${column} -> ${field}) = 'number' ` +
      `THEN (${column} -> ${field})::float8 ${operator} ${bind(c.value)}::float8 ELSE false END)`
    );
  });
  return parts.join(' AND ');
}
