import type { Logger } from '@manyviews/augment-core';
import {
  type BackendChoice,
  embedPixels,
  knnEvaluate,
  loadModelDir,
  pixelFeatures,
  selectBackend,
} from '@manyviews/contrastive';
import { loadFashionMnist } from '@manyviews/datasets';
import { type CommandSpec, numberFlag, type ParsedArgs, stringFlag } from '../args.js';

export const evalSpec: CommandSpec = {
  name: 'eval',
  summary:
    'Evaluate a model by kNN on Fashion-MNIST (train split as the bank, test split as queries).',
  usage: 'manyviews eval --model DIR [--baseline] [--limit N]',
  flags: {
    model: {
      type: 'string',
      value: 'DIR',
      default: 'models/fashion-mnist',
      help: 'model directory',
    },
    data: { type: 'string', value: 'DIR', help: 'folder with the Fashion-MNIST IDX files' },
    limit: { type: 'string', value: 'N', help: 'evaluate on the first N test images only' },
    'bank-limit': { type: 'string', value: 'N', help: 'use the first N train images as the bank' },
    baseline: { type: 'boolean', help: 'also report kNN on raw pixels (slow: 784-d features)' },
    json: { type: 'boolean', help: 'print the figures as JSON on stdout' },
    backend: {
      type: 'string',
      value: 'NAME',
      default: 'auto',
      help: 'auto, node-gpu, node, wasm or cpu',
    },
  },
};

/** Runs `manyviews eval`: prints a table on stderr, and JSON on stdout with `--json`. */
export async function runEval(args: ParsedArgs, logger: Logger): Promise<void> {
  await selectBackend(stringFlag(args, 'backend') as BackendChoice, logger);
  const dir = stringFlag(args, 'model')!;
  const { manifest, encoder } = await loadModelDir(dir);
  const limit =
    args.flags.limit === undefined
      ? undefined
      : numberFlag(args, 'limit', { min: 1, integer: true });
  const bankLimit =
    args.flags['bank-limit'] === undefined
      ? undefined
      : numberFlag(args, 'bank-limit', { min: 200, integer: true });

  try {
    const train = await loadFashionMnist('train', {
      dir: stringFlag(args, 'data'),
      limit: bankLimit,
    });
    const test = await loadFashionMnist('test', { dir: stringFlag(args, 'data'), limit });
    const norm = { mean: manifest.preprocess.mean, std: manifest.preprocess.std };
    const rows: Array<{ features: string; knn20: number; knn200w: number }> = [];

    const model = knnEvaluate({
      bank: embedPixels(encoder, train.images, train.count, norm),
      bankLabels: train.labels,
      queries: embedPixels(encoder, test.images, test.count, norm),
      queryLabels: test.labels,
      dim: manifest.embeddingDim,
      numClasses: train.classes.length,
    });
    rows.push({
      features: `${manifest.name} (${manifest.embeddingDim}-d)`,
      knn20: model.knn20,
      knn200w: model.knn200w,
    });

    if (args.flags.baseline) {
      const inputSize = train.width * train.height;
      const raw = knnEvaluate({
        bank: pixelFeatures(train.images, train.count, inputSize),
        bankLabels: train.labels,
        queries: pixelFeatures(test.images, test.count, inputSize),
        queryLabels: test.labels,
        dim: inputSize,
        numClasses: train.classes.length,
      });
      rows.push({
        features: `raw pixels (${inputSize}-d)`,
        knn20: raw.knn20,
        knn200w: raw.knn200w,
      });
    }

    logger.info(`kNN on ${test.count} test images against ${train.count} train images (cosine)`);
    logger.info(`${'features'.padEnd(36)} ${'k=20'.padStart(8)} ${'k=200 w'.padStart(8)}`);
    for (const r of rows)
      logger.info(
        `${r.features.padEnd(36)} ${r.knn20.toFixed(4).padStart(8)} ${r.knn200w.toFixed(4).padStart(8)}`,
      );
    if (args.flags.json)
      process.stdout.write(
        `${JSON.stringify({ queries: test.count, bank: train.count, rows }, null, 2)}\n`,
      );
  } finally {
    encoder.dispose();
  }
}
