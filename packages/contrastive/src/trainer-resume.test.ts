import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from './backend.js';
import { MlpEncoder } from './encoders/mlp-encoder.js';
import { syntheticImages, testRecipe } from './test-fixtures.js';
import { type TrainConfig, trainContrastive } from './trainer.js';
import { ImageViewPool } from './views/image-view-pool.js';

const size = 12;
const { images } = syntheticImages(96, size);
const pool = () =>
  new ImageViewPool({
    images,
    count: 96,
    width: size,
    height: size,
    recipe: testRecipe(size),
    seed: 3,
    batchSize: 32,
    workers: 0,
  });
const encoder = () =>
  new MlpEncoder(
    { type: 'mlp', inputSize: size * size, hidden: [16], embeddingDim: 8, projection: [8, 4] },
    undefined,
    2,
  );

describe('checkpoints and resume', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  for (const optimizer of ['adamw', 'lars'] as const) {
    it(`an interrupted run resumed from its checkpoint ends with the weights of a straight run (${optimizer})`, async () => {
      const config: TrainConfig = {
        epochs: 2,
        batchSize: 32,
        learningRate: 0.01,
        optimizer: { name: optimizer },
        memoryBank: 40,
      };

      const straight = encoder();
      await trainContrastive({ encoder: straight, source: pool(), config, seed: 1 });

      const dir = await mkdtemp(path.join(tmpdir(), 'ckpt-'));
      const first = encoder();
      const abort = new AbortController();
      const stopped = await trainContrastive({
        encoder: first,
        source: pool(),
        config,
        seed: 1,
        checkpointDir: dir,
        signal: abort.signal,
        onProgress: (p) => {
          if (p.step === 2) abort.abort();
        },
      });
      expect(stopped).toMatchObject({ stopped: true, finalStep: 3 });
      first.dispose();

      const second = encoder();
      const resumed = await trainContrastive({
        encoder: second,
        source: pool(),
        config,
        seed: 1,
        checkpointDir: dir,
        resume: true,
      });
      expect(resumed).toMatchObject({ resumedFrom: 3, finalStep: 6, steps: 3 });
      expect(second.weights()).toEqual(straight.weights());
      straight.dispose();
      second.dispose();
    });
  }

  it('resumes with another checkpoint interval, and refuses a missing or a finished run', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ckpt-interval-'));
    const config: TrainConfig = { epochs: 2, batchSize: 32, checkpointEvery: 2 };
    const a = encoder();
    const abort = new AbortController();
    await trainContrastive({
      encoder: a,
      source: pool(),
      config,
      checkpointDir: dir,
      signal: abort.signal,
      onProgress: (p) => p.step === 1 && abort.abort(),
    });
    const resumed = await trainContrastive({
      encoder: a,
      source: pool(),
      config: { ...config, checkpointEvery: 0 },
      checkpointDir: dir,
      resume: true,
    });
    expect(resumed).toMatchObject({ resumedFrom: 2, finalStep: 6 });
    await expect(
      trainContrastive({ encoder: a, source: pool(), config, checkpointDir: dir, resume: true }),
    ).rejects.toMatchObject({ code: 'RUN_COMPLETE' });
    const empty = await mkdtemp(path.join(tmpdir(), 'ckpt-none-'));
    await expect(
      trainContrastive({ encoder: a, source: pool(), config, checkpointDir: empty, resume: true }),
    ).rejects.toMatchObject({ code: 'CHECKPOINT_NOT_FOUND' });
    a.dispose();
  });

  it('refuses to resume a checkpoint made with another configuration', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ckpt-other-'));
    const config: TrainConfig = { epochs: 1, batchSize: 32 };
    const a = encoder();
    await trainContrastive({ encoder: a, source: pool(), config, checkpointDir: dir });
    await expect(
      trainContrastive({
        encoder: a,
        source: pool(),
        config: { ...config, learningRate: 0.5 },
        checkpointDir: dir,
        resume: true,
      }),
    ).rejects.toMatchObject({
      code: 'CHECKPOINT_MISMATCH',
      message: expect.stringMatching(/another learningRate/),
    });
    a.dispose();
  });
});
