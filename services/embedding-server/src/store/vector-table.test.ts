import { describe, expect, it } from 'vitest';
import { compileFilter } from './metadata-filter.js';
import { VectorTable } from './vector-table.js';

const v = (...x: number[]) => Float32Array.from(x);

describe('VectorTable', () => {
  it('stores unit vectors, replaces by id, and grows past its first capacity', () => {
    const table = new VectorTable(2, 1);
    table.put('a', v(3, 4), { n: 1 }, 'v1');
    table.put('b', v(0, 2), {}, 'v1');
    table.put('a', v(1, 0), { n: 2 }, 'v2');

    expect(table.size).toBe(2);
    expect(table.get('a')).toEqual({
      id: 'a',
      vector: v(1, 0),
      metadata: { n: 2 },
      modelVersion: 'v2',
    });
    expect(table.get('b')?.vector).toEqual(v(0, 1));
    expect(table.get('c')).toBeUndefined();
  });

  it('keeps every other row intact when one is deleted from the middle', () => {
    const table = new VectorTable(2);
    for (let i = 0; i < 5; i++) table.put(`r${i}`, v(1, i), { i }, 'v');
    expect(table.delete('r1')).toBe(true);
    expect(table.delete('r1')).toBe(false);

    expect(table.size).toBe(4);
    for (const i of [0, 2, 3, 4]) {
      const item = table.get(`r${i}`)!;
      expect(item.metadata).toEqual({ i });
      expect(item.vector[1] / item.vector[0]).toBeCloseTo(i, 5);
    }
  });

  it('returns k filtered hits even when the best rows all fail the filter', () => {
    const table = new VectorTable(2);
    // 100 near-perfect matches that are blue, then 5 weaker red ones.
    for (let i = 0; i < 100; i++) table.put(`blue${i}`, v(1, 0.01 * i), { color: 'blue' }, 'v');
    for (let i = 0; i < 5; i++) table.put(`red${i}`, v(1, 1 + i), { color: 'red' }, 'v');

    const hits = table.search(v(1, 0), { k: 3, filter: compileFilter({ color: 'red' }) });
    expect(hits.map((h) => h.id)).toEqual(['red0', 'red1', 'red2']);
    expect(hits[0].score).toBeCloseTo(Math.SQRT1_2, 5);
  });

  it('drops hits under minScore', () => {
    const table = new VectorTable(2);
    table.put('x', v(1, 0), {}, 'v');
    table.put('y', v(0, 1), {}, 'v');
    expect(table.search(v(1, 0), { k: 5, minScore: 0.5 }).map((h) => h.id)).toEqual(['x']);
  });

  it('restores from a capture', () => {
    const table = new VectorTable(2);
    table.put('a', v(1, 0), { k: 'x' }, 'v');
    table.put('b', v(0, 1), {}, 'v');
    const copy = VectorTable.restore(2, table.capture());
    table.delete('a');
    expect(copy.get('a')?.metadata).toEqual({ k: 'x' });
    expect(copy.search(v(0, 1), { k: 1 })[0].id).toBe('b');
  });
});
