import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { VectorSchema } from '../openapi/common-schemas.js';
import { parseWith } from '../zod-parse.js';
import { checkVector } from './store-checks.js';

describe('checkVector', () => {
  it('names a value that overflowed float32, apart from an all-zero vector', () => {
    expect(() => checkVector(Float32Array.from([1, 1e39, 0]), 3, 'item a')).toThrow(
      expect.objectContaining({
        code: 'INVALID_VECTOR',
        message: expect.stringMatching(/^item a: value 1 is not a finite float32 .*float32 range/),
      }),
    );
    expect(() => checkVector(new Float32Array(3), 3, 'the query')).toThrow(
      expect.objectContaining({
        code: 'INVALID_VECTOR',
        message: expect.stringMatching(/^the query: the vector has no direction/),
      }),
    );
  });

  it('takes the largest float32 values', () => {
    expect(() => checkVector(Float32Array.from([3.4e38, -3.4e38]), 2, 'x')).not.toThrow();
  });
});

describe('VectorSchema', () => {
  it('says that 1e39 overflows float32, not that it is not finite', () => {
    const schema = z.strictObject({ vector: VectorSchema });
    expect(() => parseWith(schema, { vector: [0, 1e39] })).toThrow(
      expect.objectContaining({
        code: 'INVALID_FIELD',
        message: expect.stringMatching(/^vector\[1\] .*a float32 holds/),
      }),
    );
    expect(parseWith(schema, { vector: [3.4e38] }).vector).toEqual([3.4e38]);
  });
});
