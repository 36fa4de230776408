import { selectBackend } from '@manyviews/contrastive';
import { beforeAll, describe, expect, it } from 'vitest';
import { crossSetRetrieval } from './cross-set-retrieval.js';

describe('crossSetRetrieval', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  // Bank: four unit vectors in 2-D at 0, 90, 180 and 270 degrees, named a b c d.
  const bank = Float32Array.from([1, 0, 0, 1, -1, 0, 0, -1]);
  const bankNames = ['a', 'b', 'c', 'd'];

  it('scores top-1 and top-5 by name against hand-computed neighbours', () => {
    // q1 (named a) at 10 degrees: nearest a. q2 (named b) at 30 degrees: nearest a, then b.
    // q3 (named d) at 200 degrees: order c, d, b, a. q4 (named c) at 100 degrees: b, c, a, d.
    const deg = (d: number) => [Math.cos((d * Math.PI) / 180), Math.sin((d * Math.PI) / 180)];
    const queries = Float32Array.from([...deg(10), ...deg(30), ...deg(200), ...deg(100)]);
    const result = crossSetRetrieval({
      bank,
      bankNames,
      queries,
      queryNames: ['a', 'b', 'd', 'c'],
      dim: 2,
    });
    // Top-1: only q1 hits. Top-5 (here all 4 bank rows): every query hits.
    expect(result).toEqual({ top1: 0.25, top5: 1, queries: 4, bank: 4, unmatched: 0 });
  });

  it('leaves out queries whose name is not in the bank, and counts them', () => {
    const queries = Float32Array.from([1, 0, 0, 1]);
    const result = crossSetRetrieval({
      bank,
      bankNames,
      queries,
      queryNames: ['a', 'zebra'],
      dim: 2,
    });
    expect(result).toMatchObject({ top1: 1, top5: 1, queries: 1, unmatched: 1 });
  });

  it('counts a top-5 miss when the name is sixth', () => {
    // Six bank rows along increasing angles from the query; the match is the farthest.
    const angles = [0, 10, 20, 30, 40, 90];
    const rows = angles.flatMap((d) => [
      Math.cos((d * Math.PI) / 180),
      Math.sin((d * Math.PI) / 180),
    ]);
    const result = crossSetRetrieval({
      bank: Float32Array.from(rows),
      bankNames: ['p', 'q', 'r', 's', 't', 'u'],
      queries: Float32Array.from([1, 0]),
      queryNames: ['u'],
      dim: 2,
    });
    expect(result).toMatchObject({ top1: 0, top5: 0 });
  });

  it('refuses features that disagree with the names, and no shared name', () => {
    expect(() =>
      crossSetRetrieval({
        bank,
        bankNames: ['a'],
        queries: bank,
        queryNames: bankNames,
        dim: 2,
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() =>
      crossSetRetrieval({
        bank,
        bankNames,
        queries: Float32Array.from([1, 0]),
        queryNames: ['x'],
        dim: 2,
      }),
    ).toThrow(/no query is in the bank/);
  });
});
