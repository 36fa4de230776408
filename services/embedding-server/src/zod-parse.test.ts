import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MetadataSchema } from './openapi/common-schemas.js';
import { CreateCollectionSchema } from './routes/collections-create.js';
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

  it.each([
    ['a wrong type', z.strictObject({ n: z.number() }), { n: 'x' }, 'a number'],
    ['a non-integer', z.strictObject({ n: z.number().int() }), { n: 1.5 }, 'an integer'],
    ['a small number', z.strictObject({ n: z.number().min(1) }), { n: 0 }, 'a number >= 1'],
    ['a big number', z.strictObject({ n: z.number().lt(5) }), { n: 9 }, 'a number < 5'],
    [
      'an empty string',
      z.strictObject({ s: z.string().min(1) }),
      { s: '' },
      'a string of at least 1 characters',
    ],
    [
      'a long list',
      z.strictObject({ a: z.array(z.number()).max(2) }),
      { a: [1, 2, 3] },
      'at most 2 items',
    ],
    [
      'a value not in an enum',
      z.strictObject({ e: z.enum(['float', 'base64']) }),
      { e: 'hex' },
      'one of "float", "base64"',
    ],
    [
      'a refinement',
      z.strictObject({ n: z.number().refine((v) => v % 2 === 0, 'an even number') }),
      { n: 3 },
      'an even number',
    ],
    [
      'a regex with its rule in words',
      z.strictObject({ s: z.string().regex(/^[a-z]+$/, { error: 'lower-case letters' }) }),
      { s: 'A!' },
      'lower-case letters',
    ],
    [
      'a union, by its branches',
      z.strictObject({ u: z.union([z.string(), z.array(z.string()), z.null()]) }),
      { u: 3 },
      'a string or a list or null',
    ],
  ])('says what it expected in its own words for %s', (_what, s, value, expected) => {
    let error: unknown;
    try {
      parseWith(s, value);
    } catch (e) {
      error = e;
    }

    expect(error).toMatchObject({ code: 'INVALID_FIELD', expected });
  });

  it.each([
    ['nested metadata', { a: { b: 1 } }],
    ['a list of booleans', { a: [true] }],
  ])('says what metadata values may be for %s', (_what, metadata) => {
    const schema = z.strictObject({ metadata: MetadataSchema });
    expect(() => parseWith(schema, { metadata })).toThrow(
      expect.objectContaining({
        code: 'INVALID_FIELD',
        expected: expect.stringMatching(/^a string, number, boolean, null, or a list of strings/),
        message: expect.stringMatching(/^metadata\.a has the wrong type/),
      }),
    );
  });

  it('states the collection-name rule', () => {
    expect(() => parseWith(CreateCollectionSchema, { name: '-bad name', model: 'm' })).toThrow(
      expect.objectContaining({ expected: expect.stringMatching(/^1 to 64 of A-Z a-z 0-9/) }),
    );
  });
});
