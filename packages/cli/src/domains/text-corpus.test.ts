import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { silentLogger } from '@manyviews/augment-core';
import { TextFeaturizer, type TextViewSource } from '@manyviews/contrastive';
import { describe, expect, it } from 'vitest';
import { textFile } from './text-file.js';

const words = ['cat', 'dog', 'oak', 'elm', 'run', 'swim', 'red', 'blue'];
const lines = Array.from(
  { length: 60 },
  (_, i) => `the ${words[i % 8]} and the ${words[(i * 3) % 8]}`,
);

describe('text datasets', () => {
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
});
