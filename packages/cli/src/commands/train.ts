import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger, Recipe } from '@manyviews/augment-core';
import { buildImagePipeline, defaultFashionMnistRecipe } from '@manyviews/augment-image';
import {
  type BackendChoice,
  embedPixels,
  ImageViewPool,
  knnEvaluate,
  MlpEncoder,
  type MlpEncoderConfig,
  saveModelDir,
  selectBackend,
  trainContrastive,
} from '@manyviews/contrastive';
import { loadFashionMnist } from '@manyviews/datasets';
import { type CommandSpec, numberFlag, type ParsedArgs, stringFlag } from '../args.js';
import { formatDuration, ProgressBar } from '../progress-bar.js';
import { createRunDir } from '../run-dir.js';
import { readRecipeFile } from '../user-files.js';

export const trainSpec: CommandSpec = {
  name: 'train',
  summary:
    'Train a self-supervised image encoder on Fashion-MNIST (labels are used only to evaluate).',
  usage: 'manyviews train [--out models/fashion-mnist] [--epochs 8] [options]',
  flags: {
    data: {
      type: 'string',
      value: 'DIR',
      help: 'folder with the Fashion-MNIST IDX files (default: $MANYVIEWS_FASHION_MNIST or Debian’s)',
    },
    out: {
      type: 'string',
      value: 'DIR',
      default: 'models/fashion-mnist',
      help: 'model directory to write',
    },
    'run-dir': {
      type: 'string',
      value: 'DIR',
      help: 'folder for config and metrics (default runs/<time>)',
    },
    epochs: { type: 'string', value: 'N', default: '8', help: 'passes over the training set' },
    'batch-size': {
      type: 'string',
      value: 'N',
      default: '256',
      help: 'examples per step (2 views each)',
    },
    lr: { type: 'string', value: 'X', default: '0.001', help: 'peak Adam learning rate' },
    temperature: { type: 'string', value: 'X', default: '0.5', help: 'NT-Xent temperature' },
    seed: {
      type: 'string',
      value: 'N',
      default: '0',
      help: 'seed of weights, data order and views',
    },
    recipe: {
      type: 'string',
      value: 'FILE',
      help: 'augmentation recipe JSON (default: the Fashion-MNIST recipe)',
    },
    backend: {
      type: 'string',
      value: 'NAME',
      default: 'auto',
      help: 'auto, node-gpu, node, wasm or cpu',
    },
    workers: {
      type: 'string',
      value: 'N',
      default: '1',
      help: 'threads making views (0: on the training thread)',
    },
    limit: { type: 'string', value: 'N', help: 'train on the first N images only' },
    'eval-limit': { type: 'string', value: 'N', help: 'evaluate on the first N test images only' },
    'no-eval': { type: 'boolean', help: 'skip the kNN evaluation' },
    name: { type: 'string', value: 'NAME', help: 'model name (default: the out folder name)' },
  },
};

/** Runs `manyviews train`; returns the model directory. */
export async function runTrain(args: ParsedArgs, logger: Logger): Promise<string> {
  const epochs = numberFlag(args, 'epochs', { min: 1, integer: true });
  const batchSize = numberFlag(args, 'batch-size', { min: 2, max: 8192, integer: true });
  const learningRate = numberFlag(args, 'lr', { min: 0 });
  const temperature = numberFlag(args, 'temperature', { min: 0.001 });
  const seed = numberFlag(args, 'seed', { min: 0, integer: true });
  const workers = numberFlag(args, 'workers', { min: 0, max: 64, integer: true });
  const limit =
    args.flags.limit === undefined
      ? undefined
      : numberFlag(args, 'limit', { min: 2, integer: true });
  const evalLimit =
    args.flags['eval-limit'] === undefined
      ? undefined
      : numberFlag(args, 'eval-limit', { min: 1, integer: true });
  const out = stringFlag(args, 'out')!;
  const recipeFile = stringFlag(args, 'recipe');
  const recipe: Recipe = recipeFile ? await readRecipeFile(recipeFile) : defaultFashionMnistRecipe;
  // Checked before any data is read or run folder made, so a typo costs nothing.
  buildImagePipeline(recipe);

  const backend = await selectBackend(stringFlag(args, 'backend') as BackendChoice, logger);
  const train = await loadFashionMnist('train', { dir: stringFlag(args, 'data'), limit });
  logger.info(`data: Fashion-MNIST train, ${train.count} images of ${train.width}x${train.height}`);

  const run = await createRunDir(stringFlag(args, 'run-dir'));
  const encoderConfig: MlpEncoderConfig = {
    type: 'mlp',
    inputSize: train.width * train.height,
    hidden: [1024],
    embeddingDim: 512,
    projection: [512, 128],
  };
  const config = {
    epochs,
    batchSize,
    learningRate,
    temperature,
    seed,
    workers,
    limit,
    recipe,
    encoder: encoderConfig,
    backend: backend.name,
  };
  await run.writeConfig(config);

  const pool = new ImageViewPool({
    images: train.images,
    count: train.count,
    width: train.width,
    height: train.height,
    recipe,
    seed,
    batchSize,
    views: recipe.views ?? 2,
    workers,
    logger,
  });
  const encoder = new MlpEncoder(encoderConfig, undefined, seed);
  const totalSteps = epochs * pool.stepsPerEpoch;
  const bar = new ProgressBar();
  const abort = new AbortController();
  const onSigint = () => {
    logger.warn('stopping after this step (Ctrl-C again to quit at once)');
    abort.abort();
    process.once('SIGINT', () => process.exit(130));
  };
  process.once('SIGINT', onSigint);

  try {
    logger.info(
      `training: ${epochs} epochs x ${pool.stepsPerEpoch} steps of ${batchSize} (run folder ${run.dir})`,
    );
    const result = await trainContrastive({
      encoder,
      batches: pool.batches(epochs),
      totalSteps,
      config: { epochs, batchSize, learningRate, temperature },
      logger,
      metricsPath: run.metricsPath,
      signal: abort.signal,
      onProgress: (p) =>
        bar.update(
          p.step + 1,
          p.totalSteps,
          `epoch ${p.epoch + 1} loss ${p.loss.toFixed(4)} ${Math.round(p.viewsPerSecond)} views/s ${formatDuration(p.etaSeconds)} left`,
        ),
    });
    logger.info(
      `training: ${result.steps} steps, ${Math.round(result.viewsPerSecond)} views/s, final loss ${result.finalLoss.toFixed(4)}`,
    );

    const evaluation: Record<string, unknown> = {};
    if (!args.flags['no-eval']) {
      const test = await loadFashionMnist('test', {
        dir: stringFlag(args, 'data'),
        limit: evalLimit,
      });
      const started = performance.now();
      const norm = normalizationOf(recipe);
      const bank = embedPixels(encoder, train.images, train.count, norm);
      const queries = embedPixels(encoder, test.images, test.count, norm);
      const knn = knnEvaluate({
        bank,
        bankLabels: train.labels,
        queries,
        queryLabels: test.labels,
        dim: encoderConfig.embeddingDim,
        numClasses: train.classes.length,
      });
      Object.assign(evaluation, {
        split: 'test',
        ...knn,
        seconds: (performance.now() - started) / 1000,
      });
      logger.info(
        `kNN on ${knn.queries} test images: k=20 ${knn.knn20.toFixed(4)}, k=200 weighted ${knn.knn200w.toFixed(4)}`,
      );
      await appendFile(
        run.metricsPath,
        `${JSON.stringify({ type: 'eval', time: new Date().toISOString(), ...evaluation })}\n`,
      );
    }

    const norm = normalizationOf(recipe);
    await saveModelDir(
      out,
      {
        name: stringFlag(args, 'name') ?? path.basename(path.resolve(out)),
        domain: 'image',
        inputShape: [train.height, train.width, 1],
        preprocess: { ...norm, channels: 1, width: train.width, height: train.height },
        embeddingDim: encoderConfig.embeddingDim,
        encoder: encoderConfig,
        recipe,
        seed,
        backend: backend.name,
        objective: { name: 'nt-xent', temperature },
        training: {
          dataset: 'fashion-mnist',
          images: train.count,
          epochs,
          batchSize,
          learningRate,
          steps: result.steps,
          seconds: result.seconds,
          viewsPerSecond: result.viewsPerSecond,
          finalLoss: result.finalLoss,
          stopped: result.stopped,
          runDir: run.dir,
        },
        evaluation,
        classes: [...train.classes],
        createdAt: new Date().toISOString(),
      },
      encoder.weights(),
    );
    logger.info(`model: ${out}`);
    return out;
  } finally {
    process.removeListener('SIGINT', onSigint);
    encoder.dispose();
    await pool.close();
  }
}

/** The pixel normalisation a recipe ends with (its last `normalize` step), else none. */
export function normalizationOf(recipe: Recipe): { mean: number; std: number } {
  const step = [...recipe.pipeline].reverse().find((s) => s.type === 'normalize') as
    | { mean?: number[]; std?: number[] }
    | undefined;
  return { mean: step?.mean?.[0] ?? 0, std: step?.std?.[0] ?? 1 };
}
