// One contrastive training step of the default text encoder (16,384-slot bags, 1024-wide table as
// the representation, [1024, 128] head, NT-Xent, Adam), with the table product dense
// (`tf.matMul`) and sparse (the encoder's own `bagTimesTable`), on one backend.
//
//   npx tsc -b packages/contrastive && node packages/contrastive/bench/bench-text-bag.mjs \
//     [backend=wasm] [bags=512] [nonZeros=316] [steps=3]
//
// Bags are random: `nonZeros` distinct slots each with Gaussian weights, L2-normalised, as the
// featuriser's are (a WordNet gloss fills about 316 slots). Every step builds its input afresh
// and updates the table, as training does (the wasm matMul re-packs a new right operand on every
// call, so timing one fixed tensor would flatter it). Prints the best and median of `steps`
// steps after one warm-up step, then the parts of a sparse step, and checks that both paths give
// the same loss at the same weights.
import { cpus } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import {
  bagTimesTable,
  createObjective,
  Optimizer,
  selectBackend,
  TextBagEncoder,
} from '../dist/index.js';

const backend = process.argv[2] ?? 'wasm';
const bags = Number(process.argv[3] ?? 512);
const nonZeros = Number(process.argv[4] ?? 316);
const steps = Number(process.argv[5] ?? 3);
const slots = 16384;

await selectBackend(backend);
const config = {
  type: 'text-bag',
  inputSize: slots,
  tableDim: 1024,
  tableInitStd: 1,
  hidden: [],
  embeddingDim: 1024,
  representation: 'table',
  projection: [1024, 128],
};
const objective = createObjective({ name: 'nt-xent', temperature: 0.1 }, 2);

let seed = 1;
const random = () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
function randomBags() {
  const out = new Float32Array(bags * slots);
  for (let r = 0; r < bags; r++) {
    const taken = new Set();
    while (taken.size < nonZeros) taken.add(Math.floor(random() * slots));
    let norm = 0;
    const values = [...taken].map(() => {
      const v = random() - 0.5;
      norm += v * v;
      return v;
    });
    [...taken].forEach((s, i) => {
      out[r * slots + s] = values[i] / Math.sqrt(norm);
    });
  }
  return out;
}

/** One step; `product` is the table product under test. Returns the loss. */
function step(encoder, optimizer, data, product) {
  return tf.tidy(() => {
    const x = tf.tensor2d(data, [bags, slots]);
    const table = encoder.variables[0];
    const { value, grads } = tf.variableGrads(
      () => objective(encoder.project(product(x, table)), 2, bags / 2, { seed: 0 }),
      encoder.variables,
    );
    optimizer.step(
      encoder.variables.map((v) => grads[v.name]),
      1e-3,
    );
    return value.dataSync()[0];
  });
}

const inputs = Array.from({ length: steps + 1 }, randomBags);
const ms = (t0) => performance.now() - t0;
const summary = (times) => {
  const sorted = [...times].sort((a, b) => a - b);
  return `best ${sorted[0].toFixed(0)} ms, median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms`;
};

console.log(`node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, tfjs ${backend}`);
console.log(`${bags} bags of ${slots} slots, ${nonZeros} non-zeros each; ${steps} timed steps`);

const losses = {};
for (const [name, product] of [
  ['dense  (tf.matMul)     ', (x, t) => tf.matMul(x, t)],
  ['sparse (bagTimesTable) ', (x, t) => bagTimesTable(x, t)],
]) {
  const encoder = new TextBagEncoder(config, undefined, 0);
  const optimizer = new Optimizer(encoder.variables, { name: 'adam' });
  const times = [];
  inputs.forEach((data, i) => {
    const t0 = performance.now();
    const loss = step(encoder, optimizer, data, product);
    if (i > 0) times.push(ms(t0));
    losses[name] ??= [];
    losses[name].push(loss);
  });
  const best = Math.min(...times);
  console.log(`${name} step: ${summary(times)} (${((bags / best) * 1000).toFixed(0)} views/s)`);
  optimizer.dispose();
  encoder.dispose();
}
const [dense, sparse] = Object.values(losses);
const gap = Math.max(...dense.map((l, i) => Math.abs(l - sparse[i])));
console.log(`largest loss difference over the ${dense.length} steps: ${gap.toExponential(2)}`);

// Where a sparse step's time goes: the product forward, the whole gradient, then Adam.
const encoder = new TextBagEncoder(config, undefined, 0);
const optimizer = new Optimizer(encoder.variables, { name: 'adam' });
const table = encoder.variables[0];
const parts = { forward: [], gradients: [], adam: [] };
for (const data of inputs) {
  tf.tidy(() => {
    const x = tf.tensor2d(data, [bags, slots]);
    let t0 = performance.now();
    bagTimesTable(x, table).dataSync();
    parts.forward.push(ms(t0));

    t0 = performance.now();
    const { grads } = tf.variableGrads(
      () => objective(encoder.project(bagTimesTable(x, table)), 2, bags / 2, { seed: 0 }),
      encoder.variables,
    );
    grads[table.name].dataSync();
    parts.gradients.push(ms(t0));

    t0 = performance.now();
    optimizer.step(
      encoder.variables.map((v) => grads[v.name]),
      1e-3,
    );
    table.dataSync();
    parts.adam.push(ms(t0));
  });
}
for (const [part, times] of Object.entries(parts)) {
  console.log(`  ${part.padEnd(9)} ${summary(times.slice(1))}`);
}
optimizer.dispose();
encoder.dispose();
