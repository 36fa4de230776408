import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend.js';
import { MemoryBank } from './memory-bank.js';

describe('MemoryBank', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('keeps the newest rows, normalised, first in first out', () => {
    const bank = new MemoryBank(3);
    expect(bank.tensor()).toBeUndefined();
    bank.push(
      tf.tensor2d([
        [2, 0],
        [0, 3],
      ]),
    );
    bank.push(
      tf.tensor2d([
        [0, -1],
        [5, 0],
      ]),
    );
    expect(bank.size).toBe(3);
    const t = bank.tensor()!;
    expect(t.arraySync()).toEqual([
      [0, 1],
      [0, -1],
      [1, 0],
    ]);
    t.dispose();
    const before = tf.memory().numTensors;
    bank.push(tf.tidy(() => tf.tensor2d([[1, 0]])));
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before + 1);
    bank.dispose();
    expect(() => new MemoryBank(0)).toThrow(/positive size/);
  });
});
