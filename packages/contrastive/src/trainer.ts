import { appendFile } from 'node:fs/promises';
import { type Logger, ManyViewsError, silentLogger } from '@manyviews/augment-core';
import * as tf from '@tensorflow/tfjs-core';
import { type Checkpoint, loadLatestCheckpoint, saveCheckpoint } from './checkpoint.js';
import type { Encoder, NamedWeight } from './encoders/encoder.js';
import { warmupCosine } from './lr-schedule.js';
import { MemoryBank } from './objectives/memory-bank.js';
import './objectives/builtin-objectives.js';
import { createObjective, type ObjectiveConfig } from './objectives/objective.js';
import { Optimizer, type OptimizerConfig } from './optim/optimizer.js';
import type { ViewSource } from './views/view-source.js';

/** Hyper-parameters of a contrastive run. */
export interface TrainConfig {
  epochs: number;
  batchSize: number;
  /** Peak learning rate; default 1e-3. */
  learningRate?: number;
  /** Steps of linear warm-up before the cosine decay; default 5% of the run. */
  warmupSteps?: number;
  /**
   * `cosine` (default): warm-up then cosine decay over the run; `constant`: the peak rate
   * throughout, for runs stopped by time, whose length in steps is not known ahead.
   */
  schedule?: 'cosine' | 'constant';
  /** The loss; default NT-Xent with temperature 0.5. */
  objective?: ObjectiveConfig;
  /** The update rule; default Adam. */
  optimizer?: OptimizerConfig;
  /** Rows of the memory bank of recent anchors offered to the objective; default 0 (none). */
  memoryBank?: number;
  /** Write a checkpoint every this many steps (0: only when stopped or finished); default 0. */
  checkpointEvery?: number;
}

/** Reported after every step. */
export interface TrainProgress {
  epoch: number;
  step: number;
  totalSteps: number;
  loss: number;
  learningRate: number;
  /** Views per second over this session of the run. */
  viewsPerSecond: number;
  /** Estimated seconds left. */
  etaSeconds: number;
}

/** What a finished (or stopped) run reports. */
export interface TrainResult {
  /** Steps run in this call (a resumed run counts only its own). */
  steps: number;
  /** Global step reached. */
  finalStep: number;
  seconds: number;
  viewsPerSecond: number;
  finalLoss: number;
  /** Whether `signal` stopped the run early. */
  stopped: boolean;
  /** The step a resumed run started from (0 for a fresh run). */
  resumedFrom: number;
}

/** Options of {@link trainContrastive}. */
export interface TrainOptions {
  encoder: Encoder;
  source: ViewSource;
  config: TrainConfig;
  /** Seed of the run, mixed into each step's objective seed. */
  seed?: number;
  logger?: Logger;
  onProgress?: (progress: TrainProgress) => void;
  /** Called after each epoch (e.g. to evaluate); what it returns is logged to the metrics file. */
  onEpochEnd?: (epoch: number) => Promise<Record<string, unknown> | undefined>;
  /** A JSON-lines file to which each step's metrics are appended. */
  metricsPath?: string;
  /** Stops the run after the current step (and writes a checkpoint when `checkpointDir` is set). */
  signal?: AbortSignal;
  /** Folder of checkpoints; needed for `checkpointEvery` and `resume`. */
  checkpointDir?: string;
  /** Continue from the latest checkpoint in `checkpointDir`, if there is one. */
  resume?: boolean;
}

/**
 * Trains `encoder` on batches of views from `source` with the configured objective, optimiser and
 * a warm-up + cosine schedule.
 *
 * Every step runs inside `tidy`, so the tensors that outlive it are the encoder's, the
 * optimiser's and the memory bank's. A run stopped at step `k` and resumed from its checkpoint
 * ends with the same weights as a straight run: data order and views depend only on seed and
 * step, and the optimiser's state is saved exactly.
 *
 * @throws {ManyViewsError} `TRAINING_DIVERGED` when the loss stops being finite;
 *   `CHECKPOINT_MISMATCH` when resuming a checkpoint made by a different configuration
 */
export async function trainContrastive(options: TrainOptions): Promise<TrainResult> {
  const { encoder, config, source } = options;
  const logger = options.logger ?? silentLogger;
  const totalSteps = config.epochs * source.stepsPerEpoch;
  const baseLr = config.learningRate ?? 1e-3;
  const warmup = config.warmupSteps ?? Math.round(totalSteps * 0.05);
  const objectiveConfig = config.objective ?? { name: 'nt-xent', temperature: 0.5 };
  const optimizer = new Optimizer(encoder.variables, config.optimizer ?? { name: 'adam' });
  const bank = config.memoryBank ? new MemoryBank(config.memoryBank) : undefined;
  const runConfig = { ...config, seed: options.seed ?? 0 } as unknown as Record<string, unknown>;

  const started = performance.now();
  let steps = 0;
  let views = 0;
  let finalLoss = Number.NaN;
  let lines: string[] = [];
  let step = 0;
  let objective: ReturnType<typeof createObjective> | undefined;

  const checkpoint = async () => {
    if (!options.checkpointDir || step === 0) return;
    const state: Checkpoint = {
      step,
      encoder: encoder.weights(),
      optimizer: optimizer.state(),
      bank: bankState(bank),
      config: runConfig,
    };
    const where = await saveCheckpoint(options.checkpointDir, state);
    logger.debug(`checkpoint: step ${step} in ${where}`);
  };
  const flush = async () => {
    if (options.metricsPath && lines.length > 0)
      await appendFile(options.metricsPath, `${lines.join('\n')}\n`);
    lines = [];
  };

  try {
    if (options.resume && options.checkpointDir) {
      const saved = await loadLatestCheckpoint(options.checkpointDir);
      if (!saved) {
        throw new ManyViewsError(
          'CHECKPOINT_NOT_FOUND',
          `there is no checkpoint to resume in ${options.checkpointDir}`,
          {
            expected: 'the checkpoints folder of a run that was stopped or checkpointed',
            received: options.checkpointDir,
          },
        );
      }
      restore(encoder, optimizer, bank, saved, runConfig);
      step = saved.step;
      if (step >= totalSteps) {
        throw new ManyViewsError(
          'RUN_COMPLETE',
          `the run in ${options.checkpointDir} already finished all ${totalSteps} steps`,
          {
            expected: 'a run stopped before its last step',
            received: `step ${step} of ${totalSteps}`,
          },
        );
      }
      logger.info(`resuming at step ${step} of ${totalSteps}`);
    }
    const resumedFrom = step;

    for await (const batch of source.batches(config.epochs, step)) {
      objective ??= createObjective(objectiveConfig, batch.views);
      const learningRate =
        config.schedule === 'constant'
          ? baseLr
          : warmupCosine(batch.step, totalSteps, baseLr, warmup);
      const loss = trainStep(
        encoder,
        optimizer,
        objective,
        bank,
        batch,
        learningRate,
        hashStep(options.seed ?? 0, batch.step),
      );
      if (!Number.isFinite(loss)) {
        throw new ManyViewsError(
          'TRAINING_DIVERGED',
          `the loss became ${loss} at step ${batch.step}`,
          {
            expected: 'a finite loss; try a lower learning rate',
            received: loss,
          },
        );
      }

      step = batch.step + 1;
      steps++;
      views += batch.size * batch.views;
      finalLoss = loss;
      const seconds = (performance.now() - started) / 1000;
      const viewsPerSecond = views / seconds;
      const progress: TrainProgress = {
        epoch: batch.epoch,
        step: batch.step,
        totalSteps,
        loss,
        learningRate,
        viewsPerSecond,
        etaSeconds: ((totalSteps - step) * batch.size * batch.views) / viewsPerSecond,
      };
      options.onProgress?.(progress);
      lines.push(JSON.stringify({ type: 'step', time: new Date().toISOString(), ...progress }));
      if (lines.length >= 20) await flush();

      if (config.checkpointEvery && step % config.checkpointEvery === 0) await checkpoint();
      if (step % source.stepsPerEpoch === 0 && options.onEpochEnd) {
        const figures = await options.onEpochEnd(batch.epoch);
        if (figures)
          lines.push(
            JSON.stringify({
              type: 'eval',
              time: new Date().toISOString(),
              epoch: batch.epoch,
              step,
              ...figures,
            }),
          );
      }
      if (options.signal?.aborted) break;
    }

    await checkpoint();
    const seconds = (performance.now() - started) / 1000;
    logger.info(`trained ${steps} steps in ${seconds.toFixed(1)} s`, { steps, seconds });
    return {
      steps,
      finalStep: step,
      seconds,
      viewsPerSecond: views / seconds,
      finalLoss,
      stopped: options.signal?.aborted ?? false,
      resumedFrom,
    };
  } finally {
    await flush();
    optimizer.dispose();
    bank?.dispose();
  }
}

function trainStep(
  encoder: Encoder,
  optimizer: Optimizer,
  objective: ReturnType<typeof createObjective>,
  bank: MemoryBank | undefined,
  batch: { views: number; size: number; inputShape: number[]; data: Float32Array },
  learningRate: number,
  seed: number,
): number {
  return tf.tidy(() => {
    const x = tf.tensor(batch.data, [batch.views * batch.size, ...batch.inputShape]);
    const candidates = bank?.tensor();
    let anchors: tf.Tensor2D | undefined;

    const { value, grads } = tf.variableGrads(() => {
      const z = encoder.project(encoder.embed(x));
      anchors = tf.keep(tf.slice(z, [0, 0], [batch.size, -1]));
      return objective(z, batch.views, batch.size, { bank: candidates, seed });
    }, encoder.variables);

    optimizer.step(
      encoder.variables.map((v) => grads[v.name]),
      learningRate,
    );
    if (bank && anchors) bank.push(anchors);
    anchors?.dispose();
    return value.dataSync()[0];
  });
}

function restore(
  encoder: Encoder,
  optimizer: Optimizer,
  bank: MemoryBank | undefined,
  saved: Checkpoint,
  runConfig: Record<string, unknown>,
): void {
  const differing = differingKeys(saved.config, runConfig);
  if (differing.length > 0) {
    throw new ManyViewsError(
      'CHECKPOINT_MISMATCH',
      `the checkpoint was made by a run with another ${differing.join(', ')}`,
      {
        expected: differing.map((k) => `${k} ${JSON.stringify(saved.config[k])}`).join('; '),
        received: differing.map((k) => `${k} ${JSON.stringify(runConfig[k])}`).join('; '),
      },
    );
  }
  assignWeights(encoder, saved.encoder);
  optimizer.load(saved.optimizer);
  if (bank && saved.bank?.length)
    bank.push(tf.tensor2d(saved.bank[0].values, saved.bank[0].shape as [number, number]));
}

/**
 * Overwrites an encoder's variables with stored weights, in {@link Encoder.variables} order.
 *
 * @throws {ManyViewsError} `CHECKPOINT_MISMATCH` when counts or sizes differ
 */
export function assignWeights(encoder: Encoder, weights: NamedWeight[]): void {
  if (weights.length !== encoder.variables.length) {
    throw new ManyViewsError('CHECKPOINT_MISMATCH', 'the stored weights do not fit the encoder', {
      expected: `${encoder.variables.length} tensors`,
      received: `${weights.length} tensors`,
    });
  }
  encoder.variables.forEach((v, i) => {
    if (weights[i].values.length !== v.size) {
      throw new ManyViewsError(
        'CHECKPOINT_MISMATCH',
        `stored weight ${weights[i].name} does not fit`,
        {
          expected: `${v.size} values`,
          received: `${weights[i].values.length} values`,
        },
      );
    }
    tf.tidy(() => v.assign(tf.tensor(weights[i].values, v.shape)));
  });
}

/**
 * Options that decide the weights and differ between the two configs. How often checkpoints are
 * written does not change the weights, so a run may resume with another interval.
 */
function differingKeys(saved: Record<string, unknown>, now: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(saved), ...Object.keys(now)]);
  keys.delete('checkpointEvery');
  return [...keys].filter((k) => JSON.stringify(saved[k]) !== JSON.stringify(now[k])).sort();
}

function bankState(bank: MemoryBank | undefined): NamedWeight[] {
  const t = bank?.tensor();
  if (!t) return [];
  const state = [{ name: 'bank', shape: [...t.shape], values: t.dataSync() as Float32Array }];
  t.dispose();
  return state;
}

function hashStep(seed: number, step: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(step, 0xc2b2ae35)) >>> 0;
}
