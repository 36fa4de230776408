import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from './backend.js';
import { MlpEncoder } from './encoders/mlp-encoder.js';
import { embedPixels } from './eval/embed-batches.js';
import { knnEvaluate } from './eval/knn.js';
import { syntheticImages, testRecipe } from './test-fixtures.js';
import { trainContrastive } from './trainer.js';
import { ImageViewPool } from './views/image-view-pool.js';

const size = 12;

describe('trainContrastive', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('lowers the loss, leaks no tensors, and learns features that separate the classes', async () => {
    const { images, labels } = syntheticImages(256, size);
    const pool = new ImageViewPool({
      images,
      count: 256,
      width: size,
      height: size,
      recipe: testRecipe(size),
      seed: 1,
      batchSize: 64,
      workers: 0,
    });
    const encoder = new MlpEncoder(
      { type: 'mlp', inputSize: size * size, hidden: [64], embeddingDim: 32, projection: [32, 16] },
      undefined,
      1,
    );
    const losses: number[] = [];
    const tensorCounts: number[] = [];
    const result = await trainContrastive({
      encoder,
      source: pool,
      config: { epochs: 6, batchSize: 64, learningRate: 3e-3 },
      onProgress: (p) => {
        losses.push(p.loss);
        tensorCounts.push(tf.memory().numTensors);
      },
    });

    expect(result.steps).toBe(24);
    const early = (losses[0] + losses[1] + losses[2]) / 3;
    const late = (losses[21] + losses[22] + losses[23]) / 3;
    expect(late).toBeLessThan(early);
    // After the first step (optimizer slots are created then), the live tensor count is flat.
    expect(new Set(tensorCounts.slice(1)).size).toBe(1);

    const features = embedPixels(encoder, images, 256, { mean: 0.5, std: 0.5 });
    const knn = knnEvaluate({
      bank: features,
      bankLabels: labels,
      queries: features,
      queryLabels: labels,
      dim: 32,
      numClasses: 4,
    });
    expect(knn.knn20).toBeGreaterThan(0.95);
    encoder.dispose();
    await pool.close();
  });

  it('follows warm-up and cosine by default, and holds the peak rate on a constant schedule', async () => {
    const { images } = syntheticImages(64, size);
    const rates = async (schedule?: 'constant') => {
      const pool = new ImageViewPool({
        images,
        count: 64,
        width: size,
        height: size,
        recipe: testRecipe(size),
        seed: 1,
        batchSize: 16,
        workers: 0,
      });
      const encoder = new MlpEncoder({
        type: 'mlp',
        inputSize: size * size,
        hidden: [8],
        embeddingDim: 8,
        projection: [4],
      });
      const seen: number[] = [];
      await trainContrastive({
        encoder,
        source: pool,
        config: { epochs: 2, batchSize: 16, learningRate: 0.01, warmupSteps: 2, schedule },
        onProgress: (p) => seen.push(p.learningRate),
      });
      encoder.dispose();
      return seen;
    };
    const cosine = await rates();
    expect(cosine[0]).toBeCloseTo(0.005, 10);
    expect(cosine[1]).toBeCloseTo(0.01, 10);
    expect(cosine[7]).toBeLessThan(0.001);
    expect(await rates('constant')).toEqual(new Array(8).fill(0.01));
  });

  it('stops after the current step when aborted', async () => {
    const { images } = syntheticImages(64, size);
    const pool = new ImageViewPool({
      images,
      count: 64,
      width: size,
      height: size,
      recipe: testRecipe(size),
      seed: 1,
      batchSize: 16,
      workers: 0,
    });
    const encoder = new MlpEncoder({
      type: 'mlp',
      inputSize: size * size,
      hidden: [8],
      embeddingDim: 8,
      projection: [4],
    });
    const abort = new AbortController();
    const result = await trainContrastive({
      encoder,
      source: pool,
      config: { epochs: 10, batchSize: 16 },
      signal: abort.signal,
      onProgress: (p) => {
        if (p.step === 2) abort.abort();
      },
    });
    expect(result).toMatchObject({ steps: 3, stopped: true });
    encoder.dispose();
  });
});
