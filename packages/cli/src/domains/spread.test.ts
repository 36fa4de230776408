import { describe, expect, it } from 'vitest';
import { datasetByName } from './registry.js';
import { spread } from './spread.js';

describe('limited splits', () => {
  it('spread rows evenly over the split', () => {
    expect(spread([0, 1, 2, 3, 4, 5, 6, 7], 4)).toEqual([0, 2, 4, 6]);
    expect(spread([0, 1, 2], 5)).toEqual([0, 1, 2]);
    expect(spread([0, 1, 2])).toEqual([0, 1, 2]);
  });

  it('keep most WordNet classes in a small slice (the files are ordered by part of speech)', async () => {
    const glosses = datasetByName('wordnet-glosses');
    const slice = await glosses.load('test', { limit: 1000 });
    expect(slice.count).toBe(1000);
    expect(new Set(Array.from(slice.labels)).size).toBeGreaterThan(30);
  });
});
