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
import {
  checkTextOptions,
  DEFAULT_TEXT_ENCODER,
  inValidationSlice,
  validationCorpus,
} from './text-corpus.js';
import { textFile } from './text-file.js';
import { wordnetGlosses } from './wordnet-glosses.js';

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

  it('hold out a deterministic tenth of the training split as validation, never the test split', async () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `n${String(i).padStart(8, '0')}`);
    const inSlice = ids.filter(inValidationSlice);
    expect(inSlice.length).toBeGreaterThan(150);
    expect(inSlice.length).toBeLessThan(250);
    expect(ids.filter(inValidationSlice)).toEqual(inSlice);
    const corpus = {
      classes: ['a', 'b'],
      train: { texts: ids.map((id) => `text ${id}`), labels: ids.map((_, i) => i % 2), ids },
      test: { texts: ['unseen'], labels: [0], ids: ['test-only'] },
    };
    const { train, test } = validationCorpus(corpus);
    expect(test.ids).toEqual(inSlice);
    expect(train.ids.length + test.ids.length).toBe(ids.length);
    expect(train.ids.some(inValidationSlice)).toBe(false);
    expect(test.texts[0]).toBe(`text ${test.ids[0]}`);
    expect(test.labels[0]).toBe(ids.indexOf(test.ids[0]) % 2);
    expect(checkTextOptions('t', { validation: true })).toBeUndefined();
    expect(() => checkTextOptions('t', { validation: 'yes' })).toThrow(/boolean/);
    expect(() => checkTextOptions('t', { folds: 3 })).toThrow(/no option folds/);
  });

  it("give wordnet-glosses the learned half's weight chosen on the validation slice", () => {
    const config = wordnetGlosses.encoderConfig(undefined as never);
    expect(config).toMatchObject({ representation: 'mixed', learnedWeight: 0.7 });
    expect(textFile.encoderConfig(undefined as never)).toMatchObject({ learnedWeight: 1 });
  });
});
