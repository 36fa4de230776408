import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseWith } from './zod-parse.js';

const schema = z.strictObject({
  name: z.string().min(1),
  items: z.array(z.strictObject({ id: z.string(), n: z.number().optional() })),
});

describe('parseWith', () => {
  it('returns the parsed value', () => {
    expect(parseWith(schema, { name: 'a', items: [{ id: 'x' }] })).toEqual({
      name: 'a',
      items: [{ id: 'x' }],
    });
  });

  it.each([
    ['a non-object', [1], 'INVALID_BODY', /JSON object/],
    ['an unknown key', { name: 'a', items: [], extra: 1 }, 'UNKNOWN_FIELD', /^extra is not/],
    [
      'a nested unknown key',
      { name: 'a', items: [{ id: 'x', z: 1 }] },
      'UNKNOWN_FIELD',
      /^items\[0\]\.z /,
    ],
    ['a missing field', { items: [] }, 'MISSING_FIELD', /^name is required/],
    [
      'a wrong type deep inside',
      { name: 'a', items: [{ id: 3 }] },
      'INVALID_FIELD',
      /^items\[0\]\.id .*received 3/,
    ],
  ])('maps %s to %s', (_what, value, code, message) => {
    expect(() => parseWith(schema, value)).toThrow(
      expect.objectContaining({ code, message: expect.stringMatching(message) }),
    );
  });
});
