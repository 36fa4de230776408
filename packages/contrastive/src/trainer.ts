import { appendFile } from 'node:fs/promises';
import { type Logger, ManyViewsError, silentLogger } from '@manyviews/augment-core';
import * as tf from '@tensorflow/tfjs-core';
import type { MlpEncoder } from './encoders/mlp-encoder.js';
import { warmupCosine } from './lr-schedule.js';
import { ntXentLoss } from './objectives/nt-xent.js';
import type { ViewBatch } from './views/image-view-pool.js';

/** Hyper-parameters of a contrastive run. */
export interface TrainConfig {
  epochs: number;
  batchSize: number;
  /** Peak Adam learning rate; default 1e-3. */
  learningRate?: number;
  /** Steps of linear warm-up before the cosine decay; default 5% of the run. */
  warmupSteps?: number;
  /** NT-Xent temperature; default 0.5. */
  temperature?: number;
}

/** Reported after every step. */
export interface TrainProgress {
  epoch: number;
  step: number;
  totalSteps: number;
  loss: number;
  learningRate: number;
  /** Views per second over the run so far. */
  viewsPerSecond: number;
  /** Estimated seconds left. */
  etaSeconds: number;
}

/** What a finished (or stopped) run reports. */
export interface TrainResult {
  steps: number;
  seconds: number;
  viewsPerSecond: number;
  finalLoss: number;
  /** Whether `signal` stopped the run early. */
  stopped: boolean;
}

/** Options of {@link trainContrastive}. */
export interface TrainOptions {
  encoder: MlpEncoder;
  /** Batches of views (e.g. `ImageViewPool.batches`). */
  batches: AsyncIterable<ViewBatch>;
  /** Total steps the batches will yield (for the schedule and the time left). */
  totalSteps: number;
  config: TrainConfig;
  logger?: Logger;
  onProgress?: (progress: TrainProgress) => void;
  /** A JSON-lines file to which each step's metrics are appended. */
  metricsPath?: string;
  /** Stops the run after the current step. */
  signal?: AbortSignal;
}

/**
 * Trains `encoder` with NT-Xent on two views a sample, Adam, and a warm-up + cosine schedule.
 *
 * Every step runs inside `tidy`, so the only tensors that outlive it are the encoder's and the
 * optimiser's variables.
 *
 * @throws {ManyViewsError} `TRAINING_DIVERGED` when the loss stops being finite
 */
export async function trainContrastive(options: TrainOptions): Promise<TrainResult> {
  const { encoder, config, totalSteps } = options;
  const logger = options.logger ?? silentLogger;
  const baseLr = config.learningRate ?? 1e-3;
  const warmup = config.warmupSteps ?? Math.round(totalSteps * 0.05);
  const temperature = config.temperature ?? 0.5;
  const inputSize = encoder.config.inputSize;
  const optimizer = tf.train.adam(baseLr);
  const lrHolder = optimizer as unknown as { learningRate: number };

  const started = performance.now();
  let steps = 0;
  let views = 0;
  let finalLoss = Number.NaN;
  let lines: string[] = [];

  try {
    for await (const batch of options.batches) {
      const learningRate = warmupCosine(batch.step, totalSteps, baseLr, warmup);
      lrHolder.learningRate = learningRate;

      const loss = tf.tidy(() => {
        const x = tf.tensor2d(batch.data, [batch.views * batch.size, inputSize]);
        const cost = optimizer.minimize(
          () => {
            const z = encoder.project(encoder.embed(x));
            const z1 = tf.slice(z, [0, 0], [batch.size, -1]);
            const z2 = tf.slice(z, [batch.size, 0], [batch.size, -1]);
            return ntXentLoss(z1, z2, temperature);
          },
          true,
          encoder.variables,
        );
        return cost!.dataSync()[0];
      });

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
        etaSeconds: ((totalSteps - batch.step - 1) * batch.size * batch.views) / viewsPerSecond,
      };
      options.onProgress?.(progress);
      lines.push(JSON.stringify({ type: 'step', time: new Date().toISOString(), ...progress }));
      if (options.metricsPath && lines.length >= 20) {
        await appendFile(options.metricsPath, `${lines.join('\n')}\n`);
        lines = [];
      }
      if (options.signal?.aborted) break;
    }
  } finally {
    if (options.metricsPath && lines.length > 0)
      await appendFile(options.metricsPath, `${lines.join('\n')}\n`);
    optimizer.dispose();
  }

  const seconds = (performance.now() - started) / 1000;
  logger.info(`trained ${steps} steps in ${seconds.toFixed(1)} s`, { steps, seconds });
  return {
    steps,
    seconds,
    viewsPerSecond: views / seconds,
    finalLoss,
    stopped: options.signal?.aborted ?? false,
  };
}
