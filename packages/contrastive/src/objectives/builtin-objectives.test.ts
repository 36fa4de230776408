import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend.js';
import './builtin-objectives.js';
import { ntXentLoss } from './nt-xent.js';
import { createObjective, objectiveNames } from './objective.js';
import { rbmLoss } from './rbm-loss.js';

describe('registered objectives', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('are all there, each giving a finite loss on a view-major batch, with and without a bank', () => {
    expect(objectiveNames()).toEqual([
      'debiased',
      'hard-negative',
      'nt-xent',
      'rbm',
      'rbm-sampled',
      'vicreg',
    ]);
    tf.tidy(() => {
      const z = tf.randomNormal([3 * 4, 8], 0, 1, 'float32', 1) as tf.Tensor2D;
      const bank = tf.randomNormal([6, 8], 0, 1, 'float32', 2) as tf.Tensor2D;
      for (const name of objectiveNames()) {
        const loss = createObjective({ name }, 3);
        for (const context of [{ seed: 1 }, { seed: 1, bank }]) {
          const value = loss(z, 3, 4, context).dataSync()[0];
          expect({ name, finite: Number.isFinite(value) }).toEqual({ name, finite: true });
        }
      }
    });
  });

  it('map the batch layout onto each loss: pairs take views 0 and 1, the RBM takes view 0 as anchor', () => {
    tf.tidy(() => {
      const z = tf.randomNormal([3 * 4, 8], 0, 1, 'float32', 3) as tf.Tensor2D;
      const viaRegistry = createObjective({ name: 'nt-xent', temperature: 0.3 }, 3)(z, 3, 4, {
        seed: 0,
      });
      const direct = ntXentLoss(tf.slice(z, [0, 0], [4, -1]), tf.slice(z, [4, 0], [4, -1]), 0.3);
      expect(viaRegistry.dataSync()[0]).toBeCloseTo(direct.dataSync()[0], 6);

      const x = tf.slice(z, [0, 0], [4, -1]);
      const v = tf.stack(
        [tf.slice(z, [4, 0], [4, -1]), tf.slice(z, [8, 0], [4, -1])],
        1,
      ) as tf.Tensor3D;
      const rbm = createObjective({ name: 'rbm', temperature: 0.3, hiddenBias: 0.5 }, 3)(z, 3, 4, {
        seed: 0,
      });
      expect(rbm.dataSync()[0]).toBeCloseTo(
        rbmLoss(x, v, x, { temperature: 0.3, hiddenBias: 0.5 }).dataSync()[0],
        5,
      );
    });
  });

  it('refuse unknown names and bad options before training', () => {
    expect(() => createObjective({ name: 'simsiam' }, 2)).toThrow(
      expect.objectContaining({ code: 'OBJECTIVE_UNKNOWN' }),
    );
    expect(() => createObjective({ name: 'nt-xent' }, 1)).toThrow(/at least 2 views/);
    expect(() => createObjective({ name: 'rbm', activation: 'relu' }, 2)).toThrow(/activation/);
    expect(() => createObjective({ name: 'debiased', tauPlus: 1.5 }, 2)).toThrow(/tauPlus/);
    expect(() => createObjective({ name: 'rbm-sampled', numSamples: 0 }, 2)).toThrow(/numSamples/);
    expect(() => createObjective({ name: 'nt-xent', temperature: -1 }, 2)).toThrow(/temperature/);
    expect(() => createObjective({ name: 'hard-negative', bogus: 1 }, 2)).toThrow(
      /has no option bogus.*beta/,
    );
  });
});
