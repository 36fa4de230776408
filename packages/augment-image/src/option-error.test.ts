import { ManyViewsError } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { badOption } from './option-error.js';

describe('badOption', () => {
  it('uses the spec-failure code and names field, expected and received', () => {
    const e = badOption('pad.padding', '1, 2 or 4 integers', [1, 2, 3]);
    expect(e).toBeInstanceOf(ManyViewsError);
    expect(e.code).toBe('RECIPE_INVALID_PARAM');
    expect(e.message).toBe(
      'pad.padding is out of range or of the wrong type (expected 1, 2 or 4 integers, received [1, 2, 3])',
    );
  });
});
