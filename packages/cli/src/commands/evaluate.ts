import type { Logger } from '@manyviews/augment-core';
import { type BackendChoice, loadModelDir, selectBackend } from '@manyviews/contrastive';
import { type CommandSpec, numberFlag, type ParsedArgs, stringFlag } from '../args.js';
import { datasetOfManifest } from '../domains/registry.js';
import { evaluate, formatTable } from '../evaluation.js';

export const evalSpec: CommandSpec = {
  name: 'eval',
  summary:
    'Evaluate a model by the protocol: kNN, linear probe, alignment and uniformity, baselines.',
  usage: 'manyviews eval --model DIR [--baselines] [--json] [--limit N]',
  flags: {
    model: {
      type: 'string',
      value: 'DIR',
      default: 'models/fashion-mnist',
      help: 'model directory',
    },
    data: {
      type: 'string',
      value: 'DIR',
      help: 'folder with the dataset’s files (default: the one the model was trained on)',
    },
    limit: { type: 'string', value: 'N', help: 'evaluate on the first N test examples only' },
    'bank-limit': {
      type: 'string',
      value: 'N',
      help: 'use the first N train examples as the bank',
    },
    baselines: { type: 'boolean', help: 'also evaluate raw inputs and a random encoder' },
    'no-probe': { type: 'boolean', help: 'skip the linear probe' },
    json: { type: 'boolean', help: 'print the figures as JSON on stdout' },
    backend: {
      type: 'string',
      value: 'NAME',
      default: 'auto',
      help: 'auto, node-gpu, node, wasm or cpu',
    },
  },
};

/**
 * Runs `manyviews eval`: a table on stderr, and the same figures as JSON on stdout with `--json`.
 */
export async function runEval(args: ParsedArgs, logger: Logger): Promise<void> {
  const limit =
    args.flags.limit === undefined
      ? undefined
      : numberFlag(args, 'limit', { min: 1, integer: true });
  const bankLimit =
    args.flags['bank-limit'] === undefined
      ? undefined
      : numberFlag(args, 'bank-limit', { min: 200, integer: true });
  await selectBackend(stringFlag(args, 'backend') as BackendChoice, logger);
  const { manifest, encoder } = await loadModelDir(stringFlag(args, 'model')!);

  try {
    const dataset = datasetOfManifest(manifest);
    // The data and dataset options training used (emoji set and size), from the manifest.
    const training = manifest.training ?? {};
    const data = stringFlag(args, 'data') ?? (training.data as string | undefined);
    const options = (training.datasetOptions ?? {}) as Record<string, unknown>;
    const train = await dataset.load('train', { data, limit: bankLimit, options, logger });
    const test = await dataset.load('test', { data, limit, options, logger });
    const rows = evaluate({
      dataset,
      train,
      test,
      encoder,
      preprocess: manifest.preprocess,
      recipe: manifest.recipe,
      seed: manifest.seed,
      probe: !args.flags['no-probe'],
      baselines: Boolean(args.flags.baselines),
      onRow: (name) => logger.debug(`evaluating ${name}`),
    });

    logger.info(
      `${dataset.name}: ${test.count} test queries against ${train.count} train examples`,
    );
    for (const line of formatTable(rows)) logger.info(line);
    if (args.flags.json) {
      const report = {
        model: manifest.name,
        dataset: dataset.name,
        queries: test.count,
        bank: train.count,
        rows,
      };
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    }
  } finally {
    encoder.dispose();
  }
}
