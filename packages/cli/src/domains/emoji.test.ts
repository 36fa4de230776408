import { createEncoder, selectBackend, trainContrastive } from '@manyviews/contrastive';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate, formatTable } from '../evaluation.js';
import { emoji, emojiOptions, emojiRecipe, loadEmojiSplit } from './emoji.js';

const options = { size: 16 };

describe('emoji dataset', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('renders the training set and the other set’s queries as 16 px RGB on white', async () => {
    const train = await loadEmojiSplit('train', { limit: 6, options });
    expect(train).toMatchObject({ count: 6, width: 16, height: 16, channels: 3, background: 1 });
    expect(train.images.length).toBe(6 * 16 * 16 * 3);
    expect(train.classes).toEqual(train.names);
    expect(Array.from(train.labels)).toEqual([0, 1, 2, 3, 4, 5]);
    // A corner of an emoji is background: white, all three channels.
    expect(Array.from(train.images.subarray(0, 3))).toEqual([255, 255, 255]);
    // Colour: some pixel of some icon has channels that differ.
    let coloured = false;
    for (let p = 0; p < train.images.length && !coloured; p += 3) {
      coloured = train.images[p] !== train.images[p + 1] || train.images[p] !== train.images[p + 2];
    }
    expect(coloured).toBe(true);

    const test = await loadEmojiSplit('test', { limit: 6, options });
    expect(test.count).toBe(6);
    // Equal limits keep the same names in both splits, drawn by the other set.
    expect(test.names).toEqual(train.names);
    expect(test.images).not.toEqual(train.images);

    const black = await loadEmojiSplit('train', {
      limit: 6,
      options: { ...options, background: 'black' },
    });
    expect(black.background).toBe(0);
    expect(Array.from(black.images.subarray(0, 3))).toEqual([0, 0, 0]);
  });

  it('swaps the sets with the set option', async () => {
    const noto = await loadEmojiSplit('train', { limit: 3, options });
    const twemoji = await loadEmojiSplit('train', {
      limit: 3,
      options: { ...options, set: 'twemoji' },
    });
    expect(noto.images).not.toEqual(twemoji.images);
  });

  it('refuses bad options with typed errors, before rendering anything', async () => {
    const code = { code: 'DATASET_INVALID_OPTION' };
    expect(() => emojiOptions({ set: 'apple' })).toThrow(expect.objectContaining(code));
    expect(() => emojiOptions({ size: 4 })).toThrow(expect.objectContaining(code));
    expect(() => emojiOptions({ size: 31.5 })).toThrow(/size/);
    expect(() => emojiOptions({ background: 'grey' })).toThrow(/background/);
    expect(() => emojiOptions({ colour: true })).toThrow(/no option colour/);
    await expect(loadEmojiSplit('train', { options: { set: 'apple' } })).rejects.toMatchObject(
      code,
    );
    expect(emojiOptions()).toEqual({ set: 'noto', size: 32, background: 'white' });
    expect(emoji.recipeFor!({ size: 16 })).toEqual(emojiRecipe(16));
  });

  it('trains a step of RGB views without leaking tensors, and evaluates by retrieval', async () => {
    const train = await loadEmojiSplit('train', { limit: 8, options });
    const test = await loadEmojiSplit('test', { limit: 8, options });
    const recipe = emoji.recipeFor!(options);
    const config = emoji.encoderConfig(train, 'cnn');
    expect(emoji.inputShape(train)).toEqual([16, 16, 3]);
    const encoder = createEncoder(config, undefined, 1);
    const source = emoji.viewSource(train, {
      recipe,
      seed: 1,
      batchSize: 4,
      workers: 0,
      logger: { debug() {}, info() {}, warn() {}, error() {} } as never,
    });
    try {
      const counts: number[] = [];
      const result = await trainContrastive({
        encoder,
        source,
        config: { epochs: 1, batchSize: 4, learningRate: 1e-3 },
        onProgress: () => counts.push(tf.memory().numTensors),
      });
      expect(result.steps).toBe(2);
      expect(Number.isFinite(result.finalLoss)).toBe(true);
      // The same tensors live after each step: a step leaks none.
      expect(counts[1]).toBe(counts[0]);

      const preprocess = emoji.preprocess(train, recipe);
      expect(preprocess).toMatchObject({ channels: 3, width: 16, height: 16, background: 1 });
      const rows = evaluate({
        dataset: emoji as never,
        train,
        test,
        encoder,
        preprocess,
        recipe,
        seed: 1,
        baselines: true,
        pairs: 4,
      });
      expect(rows.map((r) => r.features)).toEqual([
        'trained cnn encoder',
        'raw input',
        'random cnn encoder',
      ]);
      for (const row of rows) {
        expect(row.top1).toBeGreaterThanOrEqual(0);
        expect(row.top5).toBeGreaterThanOrEqual(row.top1!);
        expect(row.knn20).toBeUndefined();
        expect(row.linearProbe).toBeUndefined();
      }
      const table = formatTable(rows);
      expect(table[0]).toMatch(/top-1 +top-5/);
      expect(table[1]).toMatch(/n\/a/);
      expect(table.at(-1)).toMatch(/each name is its own class/);
    } finally {
      encoder.dispose();
      await source.close();
    }
  });
});
