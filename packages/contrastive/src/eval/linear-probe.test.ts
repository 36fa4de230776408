import { Rng } from '@manyviews/augment-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend.js';
import { linearProbe } from './linear-probe.js';

/** Three Gaussian blobs in 4-d, linearly separable, plus one useless noisy column. */
function blobs(n: number, seed: number) {
  const rng = new Rng(seed);
  const centres = [
    [3, 0, 0],
    [0, 3, 0],
    [0, 0, 3],
  ];
  const x = new Float32Array(n * 4);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    y[i] = c;
    for (let d = 0; d < 3; d++) x[i * 4 + d] = centres[c][d] + rng.normal(0, 0.5);
    x[i * 4 + 3] = rng.normal(0, 10);
  }
  return { x, y };
}

describe('linearProbe', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('separates separable classes and sits at chance on shuffled labels', () => {
    const train = blobs(600, 1);
    const test = blobs(300, 2);
    const good = linearProbe({
      train: train.x,
      trainLabels: train.y,
      test: test.x,
      testLabels: test.y,
      dim: 4,
      numClasses: 3,
      batchSize: 100,
      epochs: 30,
    });
    expect(good.accuracy).toBeGreaterThan(0.97);

    const shuffled = Int32Array.from(new Rng(9).shuffle(Array.from(test.y)));
    const chance = linearProbe({
      train: train.x,
      trainLabels: train.y,
      test: test.x,
      testLabels: shuffled,
      dim: 4,
      numClasses: 3,
      batchSize: 100,
      epochs: 30,
    });
    expect(chance.accuracy).toBeLessThan(0.5);
    expect(() =>
      linearProbe({
        train: train.x,
        trainLabels: [0],
        test: test.x,
        testLabels: test.y,
        dim: 4,
        numClasses: 3,
      }),
    ).toThrow(/do not agree/);
  });
});
