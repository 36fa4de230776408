import { describe, expect, it } from 'vitest';
import { compileFilter, type Metadata } from './metadata-filter.js';

const items: Metadata[] = [
  { color: 'red', size: 1, tags: ['a', 'b'] },
  { color: 'blue', size: 5 },
  { color: 'red', size: 10, tags: ['c'] },
  { size: 'big' },
];

function keep(filter: Record<string, unknown>): number[] {
  const test = compileFilter(filter);
  return items.flatMap((m, i) => (test(m) ? [i] : []));
}

describe('compileFilter', () => {
  it.each([
    ['equality', { color: 'red' }, [0, 2]],
    ['equality on a list field (contains)', { tags: 'c' }, [2]],
    ['null for a missing field', { color: null }, [3]],
    ['$in', { color: { $in: ['blue', 'green'] } }, [1]],
    ['$gt and $lt together', { size: { $gt: 1, $lt: 10 } }, [1]],
    ['$gte and $lte', { size: { $gte: 1, $lte: 5 } }, [0, 1]],
    ['numeric bounds skip non-numbers', { size: { $gt: -1 } }, [0, 1, 2]],
    ['$ne', { color: { $ne: 'red' } }, [1, 3]],
    ['AND across fields', { color: 'red', size: { $gt: 2 } }, [2]],
    ['an empty filter', {}, [0, 1, 2, 3]],
    ['a field named like an Object method is missing', { toString: null }, [0, 1, 2, 3]],
  ])('%s', (_what, filter, expected) => {
    expect(keep(filter)).toEqual(expected);
  });

  it.each([
    [{ size: { $gt: 'a' } }, /filter\.size\.\$gt .*a finite number/],
    [{ size: { $regex: 'a' } }, /filter\.size\.\$regex .*one of/],
    [{ color: { $in: 'red' } }, /filter\.color\.\$in .*a list/],
    [{ color: ['red'] }, /filter\.color .*a value or an object/],
    [{ kind: {} }, /filter\.kind .*at least one of \$eq/],
    [{ kind: 'a', size: {} }, /filter\.size .*at least one of/],
    [{ $or: [{ kind: 'a' }] }, /filter\.\$or .*logical operators are not supported/],
    [{ $and: { kind: 'a' } }, /filter\.\$and .*a metadata field name/],
    [{ '': 1 }, /filter\. .*a metadata field name/],
  ])('refuses %j with INVALID_FILTER', (filter, message) => {
    expect(() => compileFilter(filter)).toThrow(
      expect.objectContaining({ code: 'INVALID_FILTER', message: expect.stringMatching(message) }),
    );
  });
});
