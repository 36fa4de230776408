// One contrastive training step of the Fashion-MNIST CNN (`train --encoder cnn`: 32-64-64 3x3
// convolutions, 2x2 max-pools, the flattened 7x7x64 map, head 256-256-128, NT-Xent, Adam) on
// 2 x `batch` random 28x28 views, with the conv blocks as `convBiasRelu` (the encoder's own: one
// fused kernel forward, ReLU mask, pool routing and bias gradient in one pass) and as separate
// tfjs ops (conv2d, add, relu, maxPool), the two interleaved so that a busy machine slows both.
//
//   npx tsc -b packages/contrastive && node packages/contrastive/bench/bench-cnn-step.mjs \
//     [rounds=6] [batch=256]
//
// Prints the best and median step of each after one warm-up step, and the views/s of the best.
import * as tf from '@tensorflow/tfjs-core';
import { createEncoder, ntXentLoss, Optimizer, selectBackend } from '../dist/index.js';

const rounds = Number(process.argv[2] ?? 6);
const batch = Number(process.argv[3] ?? 256);

await selectBackend('wasm');
const config = {
  type: 'cnn',
  inputShape: [28, 28, 1],
  channels: [32, 64, 64],
  embeddingDim: 7 * 7 * 64,
  projection: [256, 256, 128],
  downsample: 'maxpool',
  pooling: 'flatten',
  representation: 'map',
};

/** The encoder, its embed replaced by separate ops when `separate`. */
function build(separate) {
  const encoder = createEncoder(config, undefined, 0);
  if (separate) {
    encoder.embed = (x) =>
      tf.tidy(() => {
        let y = tf.reshape(x, [-1, 28, 28, 1]);
        encoder.variables.slice(0, 6).forEach((w, i, vars) => {
          if (i % 2 === 1) return;
          y = tf.relu(tf.add(tf.conv2d(y, w, 1, 'same'), vars[i + 1]));
          if (i < 4) y = tf.maxPool(y, 2, 2, 'same');
        });
        return tf.reshape(y, [y.shape[0], -1]);
      });
  }
  return { encoder, optimizer: new Optimizer(encoder.variables, { name: 'adam' }) };
}

function step({ encoder, optimizer }) {
  tf.tidy(() => {
    const x = tf.randomNormal([2 * batch, 784]);
    const { grads } = tf.variableGrads(() => {
      const z = encoder.project(encoder.embed(x));
      return ntXentLoss(tf.slice(z, [0, 0], [batch, -1]), tf.slice(z, [batch, 0], [batch, -1]));
    }, encoder.variables);
    optimizer.step(
      encoder.variables.map((v) => grads[v.name]),
      1e-3,
    );
    encoder.variables[0].dataSync();
  });
}

const runs = { fused: build(false), separate: build(true) };
const times = { fused: [], separate: [] };
for (const run of Object.values(runs)) step(run);
for (let r = 0; r < rounds; r++) {
  for (const name of r % 2 ? ['separate', 'fused'] : ['fused', 'separate']) {
    const start = performance.now();
    step(runs[name]);
    times[name].push(performance.now() - start);
  }
}
for (const [name, ms] of Object.entries(times)) {
  ms.sort((a, b) => a - b);
  const best = ms[0];
  console.log(
    `${name.padEnd(8)} best ${best.toFixed(0)} ms, median ${ms[ms.length >> 1].toFixed(0)} ms per step (${Math.round((2 * batch * 1000) / best)} views/s at best)`,
  );
}
