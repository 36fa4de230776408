import { mkdtemp, readFile, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from './backend.js';
import { MlpEncoder, type MlpEncoderConfig } from './encoders/mlp-encoder.js';
import {
  loadCurrentIndex,
  loadIndex,
  loadModelDir,
  readManifest,
  saveIndex,
  saveModelDir,
} from './model-dir.js';
import { testRecipe } from './test-fixtures.js';

const config: MlpEncoderConfig = {
  type: 'mlp',
  inputSize: 6,
  hidden: [5],
  embeddingDim: 4,
  projection: [3],
};

function manifestFields(name: string) {
  return {
    name,
    domain: 'image',
    inputShape: [2, 3, 1],
    preprocess: { mean: 0.5, std: 0.5, channels: 1, width: 3, height: 2 },
    embeddingDim: 4,
    encoder: config,
    recipe: testRecipe(3),
    seed: 1,
    backend: 'wasm',
    objective: { name: 'nt-xent', temperature: 0.5 },
    training: {},
    evaluation: { knn20: 0.5 },
    createdAt: new Date(0).toISOString(),
  };
}

describe('model directories', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('save and load give back the same weights and manifest', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'model-'));
    const encoder = new MlpEncoder(config, undefined, 3);
    const saved = await saveModelDir(dir, manifestFields('tiny'), encoder.weights());
    const { manifest, encoder: loaded } = await loadModelDir(dir);
    expect(manifest).toEqual(saved);
    expect(manifest.weights.tensors.map((t) => t.name)).toEqual([
      'backbone.0.w',
      'backbone.0.b',
      'backbone.1.w',
      'backbone.1.b',
      'head.0.w',
      'head.0.b',
    ]);
    expect(loaded.weights()).toEqual(encoder.weights());
    encoder.dispose();
    loaded.dispose();
  });

  it('refuses missing, foreign and truncated models with typed errors', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'model-bad-'));
    await expect(readManifest(dir)).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });

    await writeFile(path.join(dir, 'manifest.json'), '{"format":"other"}');
    await expect(readManifest(dir)).rejects.toMatchObject({ code: 'MODEL_INVALID' });
    await writeFile(path.join(dir, 'manifest.json'), '{not json');
    await expect(readManifest(dir)).rejects.toMatchObject({ code: 'MODEL_INVALID' });

    const encoder = new MlpEncoder(config);
    await saveModelDir(dir, manifestFields('cut'), encoder.weights());
    encoder.dispose();
    await truncate(path.join(dir, 'weights.bin'), 20);
    await expect(loadModelDir(dir)).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: /truncated/,
    });
  });

  it('stores and reads back a search index, and says when there is none', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'index-'));
    expect(await loadIndex(dir)).toBeUndefined();
    const index = {
      ids: ['a', 'b'],
      labels: ['x', null],
      dim: 2,
      vectors: Float32Array.from([1, 0, 0, 1]),
      weightsDigest: '0123456789abcdef',
    };
    await saveIndex(dir, index);
    expect(await loadIndex(dir)).toEqual(index);
    expect(JSON.parse(await readFile(path.join(dir, 'index.json'), 'utf8')).count).toBe(2);
    await expect(saveIndex(dir, { ...index, ids: ['a'] })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
    });
  });

  it('records the weights an index was built with and serves it only with those weights', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'index-stale-'));
    const first = new MlpEncoder(config, undefined, 1);
    await saveModelDir(dir, manifestFields('m'), first.weights());
    first.dispose();
    const index = { ids: ['a'], labels: ['x'], dim: 4, vectors: Float32Array.from([1, 0, 0, 0]) };
    await saveIndex(dir, index); // the digest of the weights in dir
    const { weightsDigest, encoder } = await loadModelDir(dir);
    encoder.dispose();
    expect((await loadIndex(dir))?.weightsDigest).toBe(weightsDigest);
    expect(await loadCurrentIndex(dir, weightsDigest)).toEqual({
      index: { ...index, weightsDigest },
    });

    // Another model's digest (the index outlived a retrain), or none (an index from before).
    const other = await loadCurrentIndex(dir, 'ffffffffffffffff');
    expect(other.index).toBeUndefined();
    expect(other.stale).toMatch(/built with other weights.*stale.*`manyviews index --model /);
    const legacy = JSON.parse(await readFile(path.join(dir, 'index.json'), 'utf8'));
    delete legacy.weightsDigest;
    await writeFile(path.join(dir, 'index.json'), JSON.stringify(legacy));
    expect((await loadCurrentIndex(dir, weightsDigest)).stale).toMatch(/before indexes recorded/);
  });

  it('deletes the index of the model it replaces when saving a model directory', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'index-retrain-'));
    const first = new MlpEncoder(config, undefined, 1);
    await saveModelDir(dir, manifestFields('m'), first.weights());
    first.dispose();
    await saveIndex(dir, { ids: ['a'], labels: [null], dim: 4, vectors: new Float32Array(4) });

    const second = new MlpEncoder(config, undefined, 2);
    await saveModelDir(dir, manifestFields('m'), second.weights());
    second.dispose();
    expect(await loadIndex(dir)).toBeUndefined();
    await expect(readFile(path.join(dir, 'index.bin'))).rejects.toMatchObject({ code: 'ENOENT' });
    const { weightsDigest, encoder } = await loadModelDir(dir);
    encoder.dispose();
    expect(await loadCurrentIndex(dir, weightsDigest)).toEqual({ index: undefined });
  });

  it('refuses weights that do not fit the architecture', () => {
    const encoder = new MlpEncoder(config);
    const weights = encoder.weights();
    encoder.dispose();
    expect(() => new MlpEncoder({ ...config, hidden: [7] }, weights)).toThrow(
      /backbone.0.w does not fit/,
    );
  });
});
