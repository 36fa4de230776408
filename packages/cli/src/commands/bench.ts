import type { Logger, Recipe } from '@manyviews/augment-core';
import { defaultFashionMnistRecipe } from '@manyviews/augment-image';
import {
  type BackendChoice,
  createEncoder,
  createImageViewMaker,
  ImageViewPool,
  ntXentLoss,
  Optimizer,
  selectBackend,
} from '@manyviews/contrastive';
import { loadFashionMnist } from '@manyviews/datasets';
import * as tf from '@tensorflow/tfjs-core';
import { type CommandSpec, numberFlag, type ParsedArgs, stringFlag } from '../args.js';
import { fashionMnist } from '../domains/fashion-mnist.js';
import { encoderChoiceOf } from './train.js';

export const benchSpec: CommandSpec = {
  name: 'bench',
  summary: 'Measure training speed of a Fashion-MNIST encoder (default: mlp), split by phase.',
  usage: 'manyviews bench [--encoder mlp|cnn] [--steps 20] [--batch-size 256]',
  flags: {
    encoder: {
      type: 'string',
      value: 'NAME',
      default: 'mlp',
      help: 'encoder architecture, as train --encoder (mlp or cnn)',
    },
    data: { type: 'string', value: 'DIR', help: 'folder with the Fashion-MNIST IDX files' },
    steps: {
      type: 'string',
      value: 'N',
      default: '20',
      help: 'timed steps (after 2 warm-up steps)',
    },
    'batch-size': {
      type: 'string',
      value: 'N',
      default: '256',
      help: 'examples per step (2 views each)',
    },
    backend: {
      type: 'string',
      value: 'NAME',
      default: 'auto',
      help: 'auto, node-gpu, node, wasm or cpu',
    },
  },
};

/**
 * Runs `manyviews bench` for the encoder `train --encoder` would build:
 * per-phase times on one thread (views, forward, backward, optimiser),
 * then the real pipelined rate with views made on a worker thread while the encoder trains.
 */
export async function runBench(args: ParsedArgs, logger: Logger): Promise<void> {
  const choice = encoderChoiceOf(fashionMnist, stringFlag(args, 'encoder'));
  const steps = numberFlag(args, 'steps', { min: 1, integer: true });
  const batchSize = numberFlag(args, 'batch-size', { min: 2, integer: true });
  const backend = await selectBackend(stringFlag(args, 'backend') as BackendChoice, logger);
  const train = await loadFashionMnist('train', {
    dir: stringFlag(args, 'data'),
    limit: batchSize * (steps + 2),
  });
  const recipe: Recipe = defaultFashionMnistRecipe;
  // The shape `train` would build, so the figures are those of a real run.
  const config = fashionMnist.encoderConfig(train, choice);
  const encoder = createEncoder(config, undefined, 0);
  const optimizer = new Optimizer(encoder.variables, { name: 'adam' });
  const make = createImageViewMaker({ width: 28, height: 28, recipe, seed: 0 });
  const phases = { views: 0, forward: 0, backward: 0, optimiser: 0 };
  // CPU time of the training phases: on a shared machine it varies far less than wall time.
  let trainCpuMs = 0;
  const lossOf = (x: tf.Tensor2D) => {
    const z = encoder.project(encoder.embed(x));
    return ntXentLoss(
      tf.slice(z, [0, 0], [batchSize, -1]),
      tf.slice(z, [batchSize, 0], [batchSize, -1]),
    );
  };

  for (let step = 0; step < steps + 2; step++) {
    const timed = step >= 2;
    const indices = Array.from({ length: batchSize }, (_, i) => step * batchSize + i);
    let t = performance.now();
    const data = make(train.images, 0, indices, 2);
    const lap = (phase: keyof typeof phases) => {
      const now = performance.now();
      if (timed) phases[phase] += now - t;
      t = now;
    };
    lap('views');
    const cpuStart = process.cpuUsage();

    tf.tidy(() => {
      const x = tf.tensor2d(data, [2 * batchSize, 784]);
      lossOf(x).dataSync();
      lap('forward');
      const { value, grads } = tf.variableGrads(() => lossOf(x), encoder.variables);
      value.dataSync();
      lap('backward');
      optimizer.step(
        encoder.variables.map((v) => grads[v.name]),
        1e-3,
      );
      encoder.variables[0].dataSync();
      lap('optimiser');
      const cpu = process.cpuUsage(cpuStart);
      if (timed) trainCpuMs += (cpu.user + cpu.system) / 1000;
    });
  }

  // The forward pass is timed alone and again inside variableGrads; backward is the difference
  // (never below 0: with a few small steps on a busy machine the noise can exceed it).
  phases.backward = Math.max(0, phases.backward - phases.forward);
  const perStep = (ms: number) => ms / steps;
  const trainMs = perStep(phases.forward + phases.backward + phases.optimiser);
  const { type, ...shape } = config;
  logger.info(
    `backend ${backend.name}, batch ${batchSize} x 2 views, ${steps} steps, ${type} ${JSON.stringify(shape)}`,
  );
  for (const [name, ms] of Object.entries(phases))
    logger.info(`  ${name.padEnd(10)} ${perStep(ms).toFixed(1).padStart(8)} ms/step`);
  logger.info(
    `  training alone: ${Math.round((2 * batchSize * 1000) / trainMs)} views/s, ${Math.round((2 * batchSize * 1000) / perStep(trainCpuMs))} views per CPU-second`,
  );
  logger.info(
    `  views alone (1 thread): ${Math.round((2 * batchSize * 1000) / perStep(phases.views))} views/s`,
  );

  const pool = new ImageViewPool({
    images: train.images,
    count: train.count,
    width: 28,
    height: 28,
    recipe,
    seed: 0,
    batchSize,
    workers: 1,
  });
  const started = performance.now();
  let done = 0;
  for await (const batch of pool.batches(1)) {
    tf.tidy(() => {
      const x = tf.tensor2d(batch.data, [2 * batchSize, 784]);
      const { grads } = tf.variableGrads(() => lossOf(x), encoder.variables);
      optimizer.step(
        encoder.variables.map((v) => grads[v.name]),
        1e-3,
      );
    });
    done++;
  }
  const seconds = (performance.now() - started) / 1000;
  logger.info(
    `  pipelined (views on a worker thread): ${Math.round((done * 2 * batchSize) / seconds)} views/s over ${done} steps`,
  );
  await pool.close();
  optimizer.dispose();
  encoder.dispose();
}
