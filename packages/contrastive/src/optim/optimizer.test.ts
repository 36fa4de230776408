import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend.js';
import { Optimizer } from './optimizer.js';

describe('Optimizer', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('takes Adam steps of size lr on a constant gradient (bias-corrected)', () => {
    const w = tf.variable(tf.tensor2d([[1, 2]]));
    const opt = new Optimizer([w], { name: 'adam' });
    for (let i = 0; i < 3; i++) tf.tidy(() => opt.step([tf.tensor2d([[0.5, -2]])], 0.1));
    const [a, b] = w.dataSync();
    expect(a).toBeCloseTo(1 - 0.3, 5);
    expect(b).toBeCloseTo(2 + 0.3, 5);
    opt.dispose();
    w.dispose();
  });

  it('decays weights but not biases in AdamW, decoupled from the gradient', () => {
    const w = tf.variable(tf.tensor2d([[2]]));
    const b = tf.variable(tf.tensor1d([2]));
    const opt = new Optimizer([w, b], { name: 'adamw', weightDecay: 0.5 });
    tf.tidy(() => opt.step([tf.zeros([1, 1]), tf.zeros([1])], 0.1));
    expect(w.dataSync()[0]).toBeCloseTo(2 - 0.1 * 0.5 * 2, 6);
    expect(b.dataSync()[0]).toBe(2);
    opt.dispose();
  });

  it('scales LARS updates by the trust ratio eta |w| / |g|', () => {
    const w = tf.variable(tf.tensor2d([[3, 4]]));
    const opt = new Optimizer([w], { name: 'lars', weightDecay: 0, trustCoefficient: 0.1 });
    tf.tidy(() => opt.step([tf.tensor2d([[0, 10]])], 1));
    // |w| = 5, |g| = 10: trust 0.05, so the update is 0.05 * g = (0, 0.5).
    expect(Array.from(w.dataSync())).toEqual([3, 3.5]);
    opt.dispose();
  });

  it('saves and restores its state, and refuses a state for other variables', () => {
    const w = tf.variable(tf.tensor2d([[1, 1]]));
    const opt = new Optimizer([w], { name: 'adam' });
    tf.tidy(() => opt.step([tf.tensor2d([[1, 1]])], 0.1));
    const state = opt.state();
    const other = new Optimizer([w], { name: 'adam' });
    other.load(state);
    expect(other.state()).toEqual(state);
    const wide = new Optimizer([tf.variable(tf.zeros([3, 3]))], { name: 'adam' });
    expect(() => wide.load(state)).toThrow(
      expect.objectContaining({ code: 'CHECKPOINT_MISMATCH' }),
    );
    expect(() => new Optimizer([w], { name: 'sgd' as never })).toThrow(/adam, adamw or lars/);
    expect(() => new Optimizer([w], { name: 'adam', beta1: 1 })).toThrow(/beta1/);
  });
});
