import { type Logger, ManyViewsError } from '@manyviews/augment-core';
import { type BackendChoice, loadModelDir, saveIndex, selectBackend } from '@manyviews/contrastive';
import { type CommandSpec, numberFlag, type ParsedArgs, stringFlag } from '../args.js';
import { datasetOfManifest } from '../domains/registry.js';

export const indexSpec: CommandSpec = {
  name: 'index',
  summary: 'Embed a dataset split into the search index stored in the model directory.',
  usage: 'manyviews index --model DIR [--split test] [--limit N]',
  flags: {
    model: {
      type: 'string',
      value: 'DIR',
      default: 'models/fashion-mnist',
      help: 'model directory',
    },
    data: { type: 'string', value: 'DIR', help: 'folder with the Fashion-MNIST IDX files' },
    split: { type: 'string', value: 'NAME', default: 'test', help: 'train or test' },
    limit: { type: 'string', value: 'N', help: 'index the first N images only' },
    backend: {
      type: 'string',
      value: 'NAME',
      default: 'auto',
      help: 'auto, node-gpu, node, wasm or cpu',
    },
  },
};

/** Runs `manyviews index`: items are named `<split>-<position>` and labelled by class name. */
export async function runIndex(args: ParsedArgs, logger: Logger): Promise<void> {
  const split = stringFlag(args, 'split');
  if (split !== 'train' && split !== 'test') {
    throw new ManyViewsError('CLI_USAGE', '--split must be train or test', {
      expected: '"train" or "test"',
      received: split,
    });
  }
  await selectBackend(stringFlag(args, 'backend') as BackendChoice, logger);
  const dir = stringFlag(args, 'model')!;
  const limit =
    args.flags.limit === undefined
      ? undefined
      : numberFlag(args, 'limit', { min: 1, integer: true });
  const { manifest, encoder, weightsDigest } = await loadModelDir(dir);
  try {
    const dataset = datasetOfManifest(manifest);
    const data = await dataset.load(split, { data: stringFlag(args, 'data'), limit });
    const { data: vectors } = dataset.features(encoder, data, manifest.preprocess);
    await saveIndex(dir, {
      ids: dataset.ids(data, split),
      labels: Array.from(data.labels, (l) => data.classes[l]),
      dim: manifest.embeddingDim,
      vectors,
      weightsDigest,
    });
    logger.info(`index: ${data.count} ${split} examples of ${dataset.name} in ${dir}`);
  } finally {
    encoder.dispose();
  }
}
