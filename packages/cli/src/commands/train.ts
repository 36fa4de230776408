import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { type Logger, ManyViewsError, type Recipe } from '@manyviews/augment-core';
import {
  type BackendChoice,
  createEncoder,
  createObjective,
  type EncoderConfig,
  type ObjectiveConfig,
  type OptimizerConfig,
  saveModelDir,
  selectBackend,
  type TrainConfig,
  trainContrastive,
} from '@manyviews/contrastive';
import {
  type CommandSpec,
  jsonObjectFlag,
  numberFlag,
  type ParsedArgs,
  stringFlag,
} from '../args.js';
import type { TrainingDataset, TrainingDefaults } from '../domains/domain.js';
import { checkDatasetOptions, datasetByName } from '../domains/registry.js';
import { evaluate, formatTable, headline } from '../evaluation.js';
import { formatDuration, ProgressBar } from '../progress-bar.js';
import { createRunDir } from '../run-dir.js';
import { writeRunPlots } from '../run-plots.js';
import { readRecipeFile } from '../user-files.js';

export const trainSpec: CommandSpec = {
  name: 'train',
  summary: 'Train a self-supervised encoder (labels are used only to evaluate).',
  usage: 'manyviews train [--dataset fashion-mnist] [--out models/fashion-mnist] [options]',
  flags: {
    dataset: { type: 'string', value: 'NAME', default: 'fashion-mnist', help: 'what to train on' },
    encoder: {
      type: 'string',
      value: 'NAME',
      help: 'encoder architecture (fashion-mnist: mlp or cnn)',
    },
    'encoder-options': {
      type: 'string',
      value: 'JSON',
      help: 'overrides of the encoder’s shape, e.g. {"channels":[32,64],"pooling":"flatten"}',
    },
    data: {
      type: 'string',
      value: 'DIR',
      help: 'folder with the dataset’s files (default: where its package installs them)',
    },
    'dataset-options': {
      type: 'string',
      value: 'JSON',
      help: 'the dataset’s own options, e.g. emoji {"set":"twemoji","size":48,"background":"black"}',
    },
    out: {
      type: 'string',
      value: 'DIR',
      help: 'model directory to write (default models/<dataset>)',
    },
    'run-dir': {
      type: 'string',
      value: 'DIR',
      help: 'run folder: config, metrics, checkpoints, plots (default runs/<time>)',
    },
    epochs: {
      type: 'string',
      value: 'N',
      help: 'passes over the training set (default: the dataset’s, or its encoder’s)',
    },
    'batch-size': {
      type: 'string',
      value: 'N',
      help: 'examples per step (default: the dataset’s)',
    },
    lr: { type: 'string', value: 'X', help: 'peak learning rate (default: the dataset’s)' },
    objective: {
      type: 'string',
      value: 'NAME',
      default: 'nt-xent',
      help: 'nt-xent, rbm, rbm-sampled, hard-negative, debiased or vicreg',
    },
    temperature: { type: 'string', value: 'X', help: 'the objective’s temperature tau' },
    'objective-options': {
      type: 'string',
      value: 'JSON',
      help: 'more objective options, e.g. {"beta":1}',
    },
    optimizer: { type: 'string', value: 'NAME', default: 'adam', help: 'adam, adamw or lars' },
    'weight-decay': { type: 'string', value: 'X', help: 'weight decay of adamw / lars' },
    'memory-bank': {
      type: 'string',
      value: 'N',
      default: '0',
      help: 'rows of recent anchors offered to the objective',
    },
    'checkpoint-every': {
      type: 'string',
      value: 'N',
      default: '0',
      help: 'steps between checkpoints (0: only on stop and at the end)',
    },
    resume: { type: 'boolean', help: 'continue the run in --run-dir from its latest checkpoint' },
    'eval-every': {
      type: 'string',
      value: 'E',
      default: '0',
      help: 'evaluate by kNN every E epochs (0: only at the end)',
    },
    seed: {
      type: 'string',
      value: 'N',
      default: '0',
      help: 'seed of weights, data order and views',
    },
    recipe: {
      type: 'string',
      value: 'FILE',
      help: 'augmentation recipe JSON (default: the dataset’s)',
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
    limit: { type: 'string', value: 'N', help: 'train on the first N examples only' },
    'eval-limit': {
      type: 'string',
      value: 'N',
      help: 'evaluate on the first N test examples only',
    },
    'no-eval': { type: 'boolean', help: 'skip the evaluation' },
    baselines: { type: 'boolean', help: 'also evaluate raw inputs and a random encoder' },
    name: { type: 'string', value: 'NAME', help: 'model name (default: the out folder name)' },
  },
};

/** Runs `manyviews train`; returns the model directory. */
export async function runTrain(args: ParsedArgs, logger: Logger): Promise<string> {
  const dataset = datasetByName(stringFlag(args, 'dataset')!);
  const encoderChoice = encoderChoiceOf(dataset, stringFlag(args, 'encoder'));
  const defaults = defaultsFor(dataset, encoderChoice);
  const optional = (name: string, fallback: number, bounds: Parameters<typeof numberFlag>[2]) =>
    args.flags[name] === undefined ? fallback : numberFlag(args, name, bounds);
  const epochs = optional('epochs', defaults.epochs, { min: 1, integer: true });
  const batchSize = optional('batch-size', defaults.batchSize, {
    min: 2,
    max: 8192,
    integer: true,
  });
  const learningRate = optional('lr', defaults.learningRate, { min: 0 });
  const seed = numberFlag(args, 'seed', { min: 0, integer: true });
  const workers = numberFlag(args, 'workers', { min: 0, max: 64, integer: true });
  const memoryBank = numberFlag(args, 'memory-bank', { min: 0, integer: true });
  const checkpointEvery = numberFlag(args, 'checkpoint-every', { min: 0, integer: true });
  const evalEvery = numberFlag(args, 'eval-every', { min: 0, integer: true });
  const limit =
    args.flags.limit === undefined
      ? undefined
      : numberFlag(args, 'limit', { min: 2, integer: true });
  const evalLimit =
    args.flags['eval-limit'] === undefined
      ? undefined
      : numberFlag(args, 'eval-limit', { min: 1, integer: true });
  const out = stringFlag(args, 'out') ?? path.join('models', dataset.name);
  const data = stringFlag(args, 'data');

  // Everything a typo can break is checked before any data is read or a run folder made.
  const recipeFile = stringFlag(args, 'recipe');
  const datasetOptions = jsonObjectFlag(args, 'dataset-options');
  checkDatasetOptions(dataset, datasetOptions);
  const recipe: Recipe = recipeFile
    ? await readRecipeFile(recipeFile)
    : (dataset.recipeFor?.(datasetOptions) ?? dataset.defaultRecipe);
  dataset.checkRecipe(recipe);
  const objective = objectiveConfig(args, defaults.temperature);
  createObjective(objective, recipe.views ?? 2);
  const optimizer: OptimizerConfig = {
    name: stringFlag(args, 'optimizer') as OptimizerConfig['name'],
  };
  if (!['adam', 'adamw', 'lars'].includes(optimizer.name)) {
    throw new ManyViewsError('CLI_USAGE', `--optimizer ${optimizer.name} is not an optimiser`, {
      expected: 'adam, adamw or lars',
      received: optimizer.name,
    });
  }
  if (args.flags['weight-decay'] !== undefined)
    optimizer.weightDecay = numberFlag(args, 'weight-decay', { min: 0 });
  const encoderOptions = jsonObjectFlag(args, 'encoder-options');
  if (args.flags.resume && !args.flags['run-dir']) {
    throw new ManyViewsError('CLI_USAGE', '--resume needs the --run-dir of the run to continue');
  }

  const backend = await selectBackend(stringFlag(args, 'backend') as BackendChoice, logger);
  const train = await dataset.load('train', { data, limit, logger, options: datasetOptions });
  logger.info(`data: ${dataset.name} train, ${train.count} examples`);
  const run = await createRunDir(stringFlag(args, 'run-dir'));
  const encoderConfig = withEncoderOptions(
    dataset.encoderConfig(train, encoderChoice),
    encoderOptions,
  );
  const config: TrainConfig = {
    epochs,
    batchSize,
    learningRate,
    objective,
    optimizer,
    memoryBank,
    checkpointEvery,
  };
  await run.writeConfig({
    dataset: dataset.name,
    ...config,
    seed,
    datasetOptions,
    workers,
    limit,
    recipe,
    encoder: encoderConfig,
    backend: backend.name,
  });

  const source = dataset.viewSource(train, { recipe, seed, batchSize, workers, logger });
  const encoder = createEncoder(encoderConfig, undefined, seed);
  const preprocess = dataset.preprocess(train, recipe);
  const bar = new ProgressBar();
  const abort = new AbortController();
  const onSigint = () => {
    logger.warn('stopping after this step and saving a checkpoint (Ctrl-C again to quit at once)');
    abort.abort();
    process.once('SIGINT', () => process.exit(130));
  };
  process.once('SIGINT', onSigint);
  let test: Awaited<ReturnType<typeof dataset.load>> | undefined;
  const loadTest = async () => {
    test ??= await dataset.load('test', {
      data,
      limit: evalLimit,
      logger,
      options: datasetOptions,
    });
    return test;
  };

  try {
    logger.info(
      `training: ${epochs} epochs x ${source.stepsPerEpoch} steps of ${batchSize}, ${objective.name}, ${optimizer.name} (run folder ${run.dir})`,
    );
    const result = await trainContrastive({
      encoder,
      source,
      config,
      seed,
      logger,
      metricsPath: run.metricsPath,
      signal: abort.signal,
      checkpointDir: path.join(run.dir, 'checkpoints'),
      resume: Boolean(args.flags.resume),
      onProgress: (p) =>
        bar.update(
          p.step + 1,
          p.totalSteps,
          `epoch ${p.epoch + 1} loss ${p.loss.toFixed(4)} ${Math.round(p.viewsPerSecond)} views/s ${formatDuration(p.etaSeconds)} left`,
        ),
      onEpochEnd: async (epoch) => {
        if (!evalEvery || (epoch + 1) % evalEvery !== 0 || epoch + 1 === epochs) return undefined;
        const [row] = evaluate({
          dataset,
          train,
          test: await loadTest(),
          encoder,
          preprocess,
          recipe,
          seed,
          probe: false,
          pairs: 500,
        });
        logger.info(`epoch ${epoch + 1}: ${headline(row)}`);
        return { ...row };
      },
    });
    logger.info(
      `training: ${result.steps} steps, ${Math.round(result.viewsPerSecond)} views/s, final loss ${result.finalLoss.toFixed(4)}`,
    );

    const evaluation: Record<string, unknown> = {};
    if (!args.flags['no-eval']) {
      const started = performance.now();
      const split = await loadTest();
      const rows = evaluate({
        dataset,
        train,
        test: split,
        encoder,
        preprocess,
        recipe,
        seed,
        baselines: Boolean(args.flags.baselines),
      });
      for (const line of formatTable(rows)) logger.info(line);
      Object.assign(evaluation, {
        split: 'test',
        queries: split.count,
        bank: train.count,
        ...rows[0],
        seconds: (performance.now() - started) / 1000,
      });
      if (rows.length > 1) evaluation.baselines = rows.slice(1);
      await appendFile(
        run.metricsPath,
        `${JSON.stringify({ type: 'eval', time: new Date().toISOString(), step: result.finalStep, ...evaluation })}\n`,
      );
    }
    await writeRunPlots(run.dir);

    await saveModelDir(
      out,
      {
        name: stringFlag(args, 'name') ?? path.basename(path.resolve(out)),
        domain: dataset.domain,
        inputShape: dataset.inputShape(train),
        preprocess,
        embeddingDim: encoderConfig.embeddingDim,
        encoder: encoderConfig,
        recipe,
        seed,
        backend: backend.name,
        objective,
        training: {
          dataset: dataset.name,
          examples: train.count,
          epochs,
          datasetOptions,
          ...(data === undefined ? {} : { data: path.resolve(data) }),
          batchSize,
          learningRate,
          optimizer,
          memoryBank,
          steps: result.finalStep,
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
    await source.close();
  }
}

function objectiveConfig(args: ParsedArgs, defaultTemperature: number): ObjectiveConfig {
  const options = jsonObjectFlag(args, 'objective-options');
  const temperature =
    args.flags.temperature === undefined
      ? defaultTemperature
      : numberFlag(args, 'temperature', { min: 0.001 });
  return { temperature, ...options, name: stringFlag(args, 'objective')! };
}

/**
 * The dataset's encoder shape with the `--encoder-options` overrides. Only fields the shape
 * already has can be overridden (so a typo is refused, not ignored), and never its `type`.
 *
 * @throws {ManyViewsError} `CLI_USAGE` naming the first unknown field
 */
export function withEncoderOptions(
  base: EncoderConfig,
  options: Record<string, unknown>,
): EncoderConfig {
  const known = Object.keys(base).filter((key) => key !== 'type');
  const unknown = Object.keys(options).find((key) => !known.includes(key));
  if (unknown !== undefined) {
    throw new ManyViewsError(
      'CLI_USAGE',
      `--encoder-options: ${base.type} has no field ${unknown}`,
      {
        expected: `fields of ${known.join(', ')}`,
        received: unknown,
      },
    );
  }
  return { ...base, ...options, type: base.type };
}

/**
 * The dataset's training defaults, with those of the encoder `--encoder` chose over them (e.g.
 * fewer epochs for a slower encoder).
 */
export function defaultsFor(
  dataset: Pick<TrainingDataset, 'defaults' | 'encoderDefaults'>,
  encoderChoice?: string,
): TrainingDefaults {
  const own = encoderChoice === undefined ? undefined : dataset.encoderDefaults?.[encoderChoice];
  return { ...dataset.defaults, ...own };
}

/**
 * The encoder `--encoder` names, checked against what the dataset offers.
 *
 * @throws {ManyViewsError} `CLI_USAGE` for a name the dataset does not offer
 */
export function encoderChoiceOf(
  dataset: { name: string; encoders?: readonly string[] },
  choice?: string,
): string | undefined {
  if (choice === undefined) return undefined;
  const offered = dataset.encoders ?? [];
  if (!offered.includes(choice)) {
    throw new ManyViewsError(
      'CLI_USAGE',
      `--encoder ${choice} is not available for ${dataset.name}`,
      {
        expected: offered.length
          ? `one of ${offered.join(', ')}`
          : 'no --encoder (this dataset has one encoder)',
        received: choice,
      },
    );
  }
  return choice;
}
