import { ManyViewsError, Rng } from '@manyviews/augment-core';
import * as tf from '@tensorflow/tfjs-core';
import { debiasedLoss } from './debiased-loss.js';
import { hardNegativeLoss } from './hard-negative-loss.js';
import { ntXentLoss } from './nt-xent.js';
import { type ObjectiveConfig, positiveOption, registerObjective } from './objective.js';
import { type RbmActivation, rbmLoss, rbmLossSampled } from './rbm-loss.js';
import { vicregLoss } from './vicreg-loss.js';

/**
 * The objectives that ship with the core, registered under the names run configs and manifests
 * use. Each maps the trainer's view-major batch (row `v * batch + r` is view `v` of example `r`)
 * onto its loss:
 *
 * - pairwise objectives (`nt-xent`, `hard-negative`, `debiased`, `vicreg`) take views 0 and 1;
 * - the RBM objectives take view 0 as the anchor `x_n` (drawn from the same recipe, so a lightly
 *   augmented view, not the raw input) and views `1 .. V-1` as its `M = V - 1` hidden units; the
 *   candidates are the batch's anchors followed by the memory bank when one is enabled.
 */

/** Options shared by the RBM variants, read from an objective config. */
function rbmOptions(config: ObjectiveConfig): {
  temperature: number;
  hiddenBias: number;
  activation: RbmActivation;
} {
  const activation = (config.activation ?? 'softplus') as RbmActivation;
  if (activation !== 'softplus' && activation !== 'identity') {
    throw new ManyViewsError('INVALID_OPTION', `objective ${config.name}: activation is unknown`, {
      expected: '"softplus" or "identity"',
      received: activation,
    });
  }
  const hiddenBias = config.hiddenBias ?? 0;
  if (typeof hiddenBias !== 'number' || !Number.isFinite(hiddenBias)) {
    throw new ManyViewsError(
      'INVALID_OPTION',
      `objective ${config.name}: hiddenBias must be a number`,
      {
        expected: 'a finite number (the fixed hidden bias c)',
        received: hiddenBias,
      },
    );
  }
  return { temperature: positiveOption(config, 'temperature', 0.5), hiddenBias, activation };
}

function pair(z: tf.Tensor2D, batch: number): [tf.Tensor2D, tf.Tensor2D] {
  return [tf.slice(z, [0, 0], [batch, -1]), tf.slice(z, [batch, 0], [batch, -1])];
}

/** Anchors `[B, D]` and hidden units `[B, M, D]` from the view-major batch. */
function anchorsAndViews(z: tf.Tensor2D, views: number, batch: number): [tf.Tensor2D, tf.Tensor3D] {
  const dim = z.shape[1];
  const x = tf.slice(z, [0, 0], [batch, -1]);
  const rest = tf.reshape(tf.slice(z, [batch, 0], [-1, -1]), [views - 1, batch, dim]);
  return [x, tf.transpose(rest, [1, 0, 2]) as tf.Tensor3D];
}

function probability(config: ObjectiveConfig, key: string, fallback: number): number {
  const v = config[key] ?? fallback;
  if (typeof v !== 'number' || !(v >= 0 && v < 1)) {
    throw new ManyViewsError(
      'INVALID_OPTION',
      `objective ${config.name}: ${key} must be in [0, 1)`,
      {
        expected: 'a number in [0, 1)',
        received: v,
      },
    );
  }
  return v;
}

registerObjective('nt-xent', {
  description: 'NT-Xent / InfoNCE of SimCLR over the batch (Chen et al. 2020)',
  minViews: 2,
  options: ['temperature'],
  build(config) {
    const temperature = positiveOption(config, 'temperature', 0.5);
    return (z, _views, batch) => tf.tidy(() => ntXentLoss(...pair(z, batch), temperature));
  },
});

registerObjective('rbm', {
  description:
    "the RBM objective, exact over the candidates (each example's views as hidden units)",
  minViews: 2,
  options: ['temperature', 'hiddenBias', 'activation'],
  build(config) {
    const options = rbmOptions(config);
    return (z, views, batch, context) =>
      tf.tidy(() => {
        const [x, v] = anchorsAndViews(z, views, batch);
        const candidates = context.bank ? tf.concat([x, context.bank], 0) : x;
        return rbmLoss(x, v, candidates, options);
      });
  },
});

registerObjective('rbm-sampled', {
  description:
    'the RBM objective with K negatives drawn from the candidates by their RBM probability',
  minViews: 2,
  options: ['temperature', 'hiddenBias', 'activation', 'numSamples'],
  build(config) {
    const options = rbmOptions(config);
    const numSamples = config.numSamples ?? 64;
    if (typeof numSamples !== 'number' || !Number.isInteger(numSamples) || numSamples < 1) {
      throw new ManyViewsError(
        'INVALID_OPTION',
        'objective rbm-sampled: numSamples must be a positive integer',
        {
          expected: 'an integer >= 1',
          received: numSamples,
        },
      );
    }
    return (z, views, batch, context) =>
      tf.tidy(() => {
        const [x, v] = anchorsAndViews(z, views, batch);
        const candidates = context.bank ? tf.concat([x, context.bank], 0) : x;
        return rbmLossSampled(x, v, candidates, {
          ...options,
          numSamples,
          rng: new Rng(context.seed),
        });
      });
  },
});

registerObjective('hard-negative', {
  description: 'hard-negative weighting (Robinson et al. 2021), beta and tauPlus',
  minViews: 2,
  options: ['temperature', 'beta', 'tauPlus'],
  build(config) {
    const temperature = positiveOption(config, 'temperature', 0.5);
    const beta = config.beta ?? 1;
    if (typeof beta !== 'number' || !(beta >= 0)) {
      throw new ManyViewsError('INVALID_OPTION', 'objective hard-negative: beta must be >= 0', {
        expected: 'a number >= 0',
        received: beta,
      });
    }
    const tauPlus = probability(config, 'tauPlus', 0.1);
    return (z, _views, batch) =>
      tf.tidy(() => hardNegativeLoss(...pair(z, batch), { temperature, beta, tauPlus }));
  },
});

registerObjective('debiased', {
  description: 'debiased contrastive loss (Chuang et al. 2020), tauPlus',
  minViews: 2,
  options: ['temperature', 'tauPlus'],
  build(config) {
    const temperature = positiveOption(config, 'temperature', 0.5);
    const tauPlus = probability(config, 'tauPlus', 0.1);
    return (z, _views, batch) =>
      tf.tidy(() => debiasedLoss(...pair(z, batch), { temperature, tauPlus }));
  },
});

registerObjective('vicreg', {
  description: 'VICReg (Bardes et al. 2022), the non-contrastive reference',
  minViews: 2,
  options: ['temperature', 'invarianceWeight', 'varianceWeight', 'covarianceWeight'],
  build(config) {
    const options = {
      invarianceWeight: positiveOption(config, 'invarianceWeight', 25),
      varianceWeight: positiveOption(config, 'varianceWeight', 25),
      covarianceWeight: positiveOption(config, 'covarianceWeight', 1),
    };
    return (z, _views, batch) => tf.tidy(() => vicregLoss(...pair(z, batch), options));
  },
});
