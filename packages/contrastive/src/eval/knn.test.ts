import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend.js';
import { alignmentUniformity } from './alignment-uniformity.js';
import { knnEvaluate } from './knn.js';

function unit(angle: number): [number, number] {
  return [Math.cos(angle), Math.sin(angle)];
}

describe('knnEvaluate', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('classifies queries by their nearest labelled neighbours', () => {
    // Class 0 near angle 0, class 1 near angle pi/2: 300 bank points each.
    const bank: number[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 600; i++) {
      const label = i % 2;
      bank.push(...unit(label * (Math.PI / 2) + ((i % 7) - 3) * 0.05));
      labels.push(label);
    }
    const queries = [...unit(0.1), ...unit(Math.PI / 2 - 0.1), ...unit(0.2)];
    const result = knnEvaluate({
      bank: Float32Array.from(bank),
      bankLabels: labels,
      queries: Float32Array.from(queries),
      queryLabels: [0, 1, 1],
      dim: 2,
      numClasses: 2,
    });
    // The third query sits among class 0 but is labelled 1: two of three are right.
    expect(result.knn20).toBeCloseTo(2 / 3, 6);
    expect(result.knn200w).toBeCloseTo(2 / 3, 6);
    expect(result).toMatchObject({ queries: 3, bank: 600 });
  });

  it('refuses features and labels that disagree', () => {
    expect(() =>
      knnEvaluate({
        bank: new Float32Array(6),
        bankLabels: [0, 1],
        queries: new Float32Array(2),
        queryLabels: [0],
        dim: 2,
        numClasses: 2,
      }),
    ).toThrow(/do not agree/);
  });
});

describe('alignmentUniformity', () => {
  it('gives zero alignment for identical pairs and the exact uniformity of two points', () => {
    const a = Float32Array.from([1, 0, 0, 1]);
    const { alignment, uniformity } = alignmentUniformity(a, a, 2);
    expect(alignment).toBe(0);
    // |(1,0) - (0,1)|^2 = 2, so uniformity = log exp(-4) = -4.
    expect(uniformity).toBeCloseTo(-4, 10);
  });
});
