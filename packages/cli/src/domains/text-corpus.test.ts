import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { silentLogger } from '@manyviews/augment-core';
import {
  createEncoder,
  selectBackend,
  TextFeaturizer,
  type TextViewSource,
} from '@manyviews/contrastive';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TEXT_ENCODER } from './text-corpus.js';
import { textFile } from './text-file.js';

const words = ['cat', 'dog', 'oak', 'elm', 'run', 'swim', 'red', 'blue'];
const lines = Array.from(
  { length: 60 },
  (_, i) => `the ${words[i % 8]} and the ${words[(i * 3) % 8]}`,
);

describe('text datasets', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('fit slot IDF on the training split and train, store and embed with the same weights', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mv-text-corpus-'));
    const data = path.join(dir, 'corpus.txt');
    await writeFile(data, lines.join('\n'));
    const train = await textFile.load('train', { data });
    const recipe = textFile.defaultRecipe;

    const preprocess = textFile.preprocess(train, recipe);
    expect(preprocess).toMatchObject({ featurizer: 'hashed-ngrams', version: 2 });
    const weights = preprocess.slotWeights as number[];
    expect(weights).toHaveLength(textFile.inputShape(train)[0]);
    const stored = new TextFeaturizer(JSON.parse(JSON.stringify(preprocess)));
    const the = stored.features('the').indices;
    const cat = stored.features('cat').indices;
    expect(weights[the[0]]).toBeLessThan(weights[cat[0]]);

    const source = textFile.viewSource(train, {
      recipe,
      seed: 0,
      batchSize: 4,
      workers: 0,
      logger: silentLogger,
    }) as TextViewSource;
    expect(source.featurizer.config).toEqual(stored.config);
    await source.close();

    const pairs = textFile.positivePairs(train, recipe, 0, 3, preprocess);
    const unweighted = textFile.positivePairs(train, recipe, 0, 3);
    expect(Array.from(pairs.a)).not.toEqual(Array.from(unweighted.a));
  });

  it("default to an encoder whose random-init representation keeps the bag's cosines", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mv-text-encoder-'));
    const data = path.join(dir, 'corpus.txt');
    await writeFile(data, lines.join('\n'));
    const train = await textFile.load('train', { data });
    const preprocess = textFile.preprocess(train, textFile.defaultRecipe);

    const config = textFile.encoderConfig(train);
    expect(config).toMatchObject({ ...DEFAULT_TEXT_ENCODER, type: 'text-bag' });
    const encoder = createEncoder(config, undefined, 0);
    const { dim, data: embedded } = textFile.features(encoder, train, preprocess) as {
      dim: number;
      data: Float32Array;
    };
    encoder.dispose();
    expect(dim).toBe(DEFAULT_TEXT_ENCODER.embeddingDim);

    const featurizer = new TextFeaturizer(preprocess);
    const bags = featurizer.dense(train.texts.slice(0, 8));
    const cosine = (x: Float32Array, width: number, i: number, j: number) => {
      let [ab, aa, bb] = [0, 0, 0];
      for (let k = 0; k < width; k++) {
        const [a, b] = [x[i * width + k], x[j * width + k]];
        ab += a * b;
        aa += a * a;
        bb += b * b;
      }
      return ab / Math.sqrt(aa * bb);
    };
    for (let i = 0; i < 8; i++) {
      for (let j = i + 1; j < 8; j++) {
        const kept = cosine(embedded, dim, i, j);
        expect(Math.abs(kept - cosine(bags, featurizer.inputSize, i, j))).toBeLessThan(0.12);
      }
    }
  });
});
