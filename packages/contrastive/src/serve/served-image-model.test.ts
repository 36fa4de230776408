import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodePng } from '@manyviews/augment-image';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend.js';
import { MlpEncoder, type MlpEncoderConfig } from '../encoders/mlp-encoder.js';
import { saveModelDir } from '../model-dir.js';
import { testManifest, testRecipe } from '../test-fixtures.js';
import { loadServedImageModel, type ServedImageModel } from './served-image-model.js';

const config: MlpEncoderConfig = {
  type: 'mlp',
  inputSize: 6,
  hidden: [5],
  embeddingDim: 4,
  projection: [3],
};

function png(width: number, height: number, level: number): Promise<Buffer> {
  const data = new Float32Array(width * height).fill(level / 255);
  return encodePng({ width, height, channels: 1, data });
}

let model: ServedImageModel;

beforeAll(async () => {
  await selectBackend('cpu');
  const dir = await mkdtemp(path.join(tmpdir(), 'served-image-'));
  const encoder = new MlpEncoder(config, undefined, 3);
  await saveModelDir(
    dir,
    testManifest({
      name: 'tiny',
      domain: 'image',
      inputShape: [2, 3, 1],
      preprocess: { mean: 0.5, std: 0.5, channels: 1, width: 3, height: 2 },
      embeddingDim: 4,
      encoder: config,
      recipe: testRecipe(3),
      objective: { name: 'nt-xent', temperature: 0.5 },
    }),
    encoder.weights(),
  );
  encoder.dispose();
  model = await loadServedImageModel(dir);
});

describe('loadServedImageModel prepare', () => {
  it('decodes straight to the input size, normalised, and embeds as from the raw bytes', async () => {
    const white = await png(300, 200, 255);
    const [prepared] = await model.prepare!([{ kind: 'bytes', data: white }], {
      maxPixels: 1e6,
    });

    expect(prepared.kind).toBe('prepared');
    const data = (prepared as { data: Float32Array }).data;
    expect(Array.from(data)).toEqual([1, 1, 1, 1, 1, 1]);
    const [fromPrepared] = await model.embed([prepared]);
    const [fromBytes] = await model.embed([{ kind: 'bytes', data: white }]);
    expect(fromPrepared).toEqual(fromBytes);
  });

  it('refuses a request over the pixel budget from the headers, summed over its images', async () => {
    const big = await png(600, 500, 0);
    const one = { kind: 'bytes' as const, data: big };
    await expect(model.prepare!([one], { maxPixels: 300_000 })).resolves.toHaveLength(1);

    await expect(model.prepare!([one, one], { maxPixels: 300_000 })).rejects.toMatchObject({
      code: 'REQUEST_PIXELS_TOO_LARGE',
      message: expect.stringMatching(/at most 300000 pixels .*maxRequestPixels.*600000 pixels/),
    });
  });

  it('refuses text, naming the input', async () => {
    await expect(
      model.prepare!([{ kind: 'text', text: 'a shoe' }], { maxPixels: 1e6 }),
    ).rejects.toMatchObject({ code: 'INPUT_KIND_MISMATCH' });
  });
});
