import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { normalize, topK } from '../vector-math.js';
import { IvfIndex, timeSlicer, trainCentroids } from './ivf-index.js';
import { compileFilter } from './metadata-filter.js';
import { VectorTable } from './vector-table.js';

const DIM = 16;

/** `n` clustered unit vectors (40 centres plus noise), seeded. */
function clustered(n: number, seed: number): Float32Array[] {
  const rng = new Rng(seed);
  const centres = new Rng(99);
  const centre = Array.from({ length: 40 }, () =>
    normalize(Float32Array.from({ length: DIM }, () => centres.normal())),
  );
  return Array.from({ length: n }, () => {
    const c = centre[rng.int(0, centre.length - 1)];
    return normalize(Float32Array.from(c, (x) => x + 0.15 * rng.normal()));
  });
}

function tableOf(vectors: Float32Array[], approximate = true): VectorTable {
  const settings = approximate ? { minRows: 1000, probes: 4, seed: 1 } : undefined;
  const table = new VectorTable(DIM, 16, settings);
  for (const [i, v] of vectors.entries()) table.put(`r${i}`, v, { i, even: i % 2 === 0 }, 'v');
  return table;
}

function recallAt10(table: VectorTable, queries: Float32Array[], filter?: string): number {
  const keep = filter === undefined ? undefined : compileFilter({ even: true });
  let hits = 0;
  for (const q of queries) {
    const exact = new Set(table.search(q, { k: 10, filter: keep, exact: true }).map((h) => h.id));
    hits += table.search(q, { k: 10, filter: keep }).filter((h) => exact.has(h.id)).length;
  }
  return hits / (10 * queries.length);
}

describe('IvfIndex in a VectorTable', () => {
  it('finds most of the exact top 10 on a small random set, and only once built', async () => {
    const table = tableOf(clustered(3000, 1));
    const queries = clustered(50, 2);
    await table.indexed();
    expect(table.approximateNow).toBe(true);

    const recall = recallAt10(table, queries);
    // 0.998 when this test was written; an index that loses rows or misplaces them lands lower.
    expect(recall).toBeGreaterThan(0.8);
    expect(recall).toBeLessThanOrEqual(1);
    expect(recallAt10(table, queries, 'even')).toBeGreaterThan(0.8);
  });

  it('keeps filters and thresholds exact in what it returns', async () => {
    const table = tableOf(clustered(3000, 3));
    await table.indexed();
    const q = clustered(1, 4)[0];

    // A filter that only 3 rows pass: every cell gets read until all 3 are found.
    const rare = compileFilter({ i: { $in: [5, 1500, 2999] } });
    const found = table.search(q, { k: 10, filter: rare });
    expect(found.map((h) => h.id).sort()).toEqual(['r1500', 'r2999', 'r5']);
    const exact = table.search(q, { k: 10, filter: rare, exact: true });
    expect(found).toEqual(exact);

    const even = table.search(q, { k: 25, filter: compileFilter({ even: true }) });
    expect(even).toHaveLength(25);
    expect(even.every((h) => h.metadata.even === true)).toBe(true);

    const above = table.search(q, { k: 3000, minScore: 0.5 });
    expect(above.length).toBeGreaterThan(0);
    expect(above.every((h) => h.score >= 0.5)).toBe(true);
    const scores = above.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('follows puts, updates and deletes made during and after the build', async () => {
    const vectors = clustered(2500, 5);
    const table = tableOf(vectors.slice(0, 2000));
    const building = table.indexed();
    // While it builds: delete from the middle (moving the last rows), add and replace some.
    for (let i = 0; i < 300; i++) table.delete(`r${i * 3}`);
    for (let i = 2000; i < 2500; i++) table.put(`r${i}`, vectors[i], { i }, 'v');
    table.put('r1', vectors[2400], { i: 1 }, 'v');
    await building;

    for (let i = 0; i < 200; i++) table.delete(`r${2000 + i * 2}`);
    // Every row is reachable through the index: with every cell probed it is exact.
    for (const q of clustered(20, 6)) {
      const all = table.search(q, { k: 50, probes: 1_000_000 });
      expect(all).toEqual(table.search(q, { k: 50, exact: true }));
    }
    expect(
      table
        .search(vectors[2400], { k: 2 })
        .map((h) => h.id)
        .sort(),
    ).toEqual(['r1', 'r2400']);
  });

  it('searches exactly below minRows', () => {
    const table = tableOf(clustered(999, 7));
    expect(table.approximateNow).toBe(false);
    const plain = tableOf(clustered(999, 7), false);
    const q = clustered(1, 8)[0];
    expect(table.search(q, { k: 10 })).toEqual(plain.search(q, { k: 10 }));
  });
});

describe('trainCentroids', () => {
  it('gives unit centroids, the same ones for the same seed', async () => {
    const rows = clustered(500, 9);
    const flat = new Float32Array(rows.length * DIM);
    rows.forEach((v, i) => {
      flat.set(v, i * DIM);
    });
    const train = () =>
      trainCentroids(flat, rows.length, DIM, { lists: 10, seed: 3 }, () => undefined);
    const [a, b] = [await train(), await train()];
    expect(a).toEqual(b);
    expect(a).toHaveLength(10 * DIM);
    for (let c = 0; c < 10; c++) {
      const norm = Math.hypot(...a.subarray(c * DIM, (c + 1) * DIM));
      expect(norm).toBeCloseTo(1, 5);
    }

    // Every row lands in some cell, and a full probe equals an exact top-k.
    const index = new IvfIndex(a, DIM);
    for (let row = 0; row < rows.length; row++) index.add(row, flat);
    const q = rows[17];
    const all = index.search(q, 5, 10);
    expect(all).toEqual(topK(flat, DIM, q, 5));
  });

  it('yields to the event loop while it works', async () => {
    const rows = clustered(2000, 10);
    const flat = new Float32Array(rows.length * DIM);
    rows.forEach((v, i) => {
      flat.set(v, i * DIM);
    });
    let turns = 0;
    const ticking = setInterval(() => turns++, 0);
    await trainCentroids(
      flat,
      rows.length,
      DIM,
      { lists: 40, seed: 1, iterations: 20 },
      timeSlicer(1),
    );
    clearInterval(ticking);
    expect(turns).toBeGreaterThan(0);
  });
});

describe('VectorTable.stopIndexing', () => {
  it('ends a running build and starts no other', async () => {
    const table = tableOf(clustered(3000, 11));
    const building = table.indexed();
    await table.stopIndexing();
    await building;
    expect(table.approximateNow).toBe(false);
    table.put('more', clustered(1, 12)[0], {}, 'v');
    await table.indexed();
    expect(table.approximateNow).toBe(false);
  });
});
