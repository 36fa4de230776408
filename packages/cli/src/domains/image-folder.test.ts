import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hashString } from '@manyviews/augment-core';
import { createImage, encodePng } from '@manyviews/augment-image';
import { createEncoder, selectBackend } from '@manyviews/contrastive';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, formatTable } from '../evaluation.js';
import { imageFolder, imageFolderSize, loadImageFolderSplit } from './image-folder.js';

/** A `w x h` PNG of one colour. */
async function png(rgb: [number, number, number], w = 20, h = 12): Promise<Buffer> {
  const image = createImage(w, h, 3);
  for (let p = 0; p < w * h; p++) image.data.set(rgb, p * 3);
  return encodePng(image);
}

let root: string;

async function folder(name: string, files: Record<string, [number, number, number]>) {
  const dir = path.join(root, name);
  for (const [file, rgb] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), await png(rgb));
  }
  return dir;
}

const RED: [number, number, number] = [1, 0, 0];
const BLUE: [number, number, number] = [0, 0, 1];

describe('image-folder dataset', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
    root = await mkdtemp(path.join(tmpdir(), 'mv-image-folder-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('splits a labelled folder by a hash of each path, resized to RGB at the chosen size', async () => {
    const files: Record<string, [number, number, number]> = {};
    for (let i = 0; i < 10; i++) {
      files[`red/r${i}.png`] = RED;
      files[`blue/b${i}.png`] = BLUE;
    }
    const dir = await folder('labelled', files);
    const train = await loadImageFolderSplit('train', { data: dir, options: { size: 8 } });
    const test = await loadImageFolderSplit('test', { data: dir, options: { size: 8 } });

    // The rule, by hand: a path is test when its hash is 0 mod 5.
    const isTest = (f: string) => hashString(f) % 5 === 0;
    const names = Object.keys(files).sort();
    expect(test.names).toEqual(names.filter(isTest));
    expect(train.names).toEqual(names.filter((f) => !isTest(f)));
    expect(train.count + test.count).toBe(20);
    expect(train.classes).toEqual(['blue', 'red']);
    expect(train).toMatchObject({ width: 8, height: 8, channels: 3 });
    expect(train.images.length).toBe(train.count * 8 * 8 * 3);
    const first = train.labels[0];
    const pixel = Array.from(train.images.subarray(0, 3));
    expect(pixel).toEqual(train.classes[first] === 'red' ? [255, 0, 0] : [0, 0, 255]);
    expect(imageFolder.inputShape(train)).toEqual([8, 8, 3]);
    expect(imageFolder.preprocess(train, imageFolder.recipeFor!({ size: 8 }))).toMatchObject({
      channels: 3,
      width: 8,
      height: 8,
    });
  });

  it('uses train/ and test/ when both exist', async () => {
    const dir = await folder('presplit', {
      'train/red/a.png': RED,
      'train/blue/b.png': BLUE,
      'test/red/c.png': RED,
    });
    const test = await loadImageFolderSplit('test', { data: dir });
    expect(test).toMatchObject({ count: 1, classes: ['blue', 'red'], width: 32 });
    expect(Array.from(test.labels)).toEqual([1]);
  });

  it('evaluates a folder without subfolders as unlabelled, saying so', async () => {
    const files: Record<string, [number, number, number]> = {};
    for (let i = 0; i < 12; i++) files[`x${i}.png`] = i % 2 ? RED : BLUE;
    const dir = await folder('flat', files);
    const train = await loadImageFolderSplit('train', { data: dir, options: { size: 8 } });
    const test = await loadImageFolderSplit('test', { data: dir, options: { size: 8 } });
    expect(train.classes).toEqual([]);
    const recipe = imageFolder.recipeFor!({ size: 8 });
    const encoder = createEncoder(imageFolder.encoderConfig(train, 'mlp'), undefined, 1);
    try {
      const rows = evaluate({
        dataset: imageFolder as never,
        train,
        test,
        encoder,
        preprocess: imageFolder.preprocess(train, recipe),
        recipe,
        seed: 1,
        pairs: 4,
      });
      expect(rows[0].knn20).toBeUndefined();
      expect(rows[0].alignment).toBeGreaterThanOrEqual(0);
      expect(formatTable(rows).at(-1)).toMatch(/no labels/);
    } finally {
      encoder.dispose();
    }
  });

  it('refuses a missing --data, an empty folder and a bad size with typed errors', async () => {
    await expect(loadImageFolderSplit('train', {})).rejects.toMatchObject({ code: 'CLI_USAGE' });
    const empty = path.join(root, 'empty');
    await mkdir(empty, { recursive: true });
    await writeFile(path.join(empty, 'notes.txt'), 'no images here');
    await expect(loadImageFolderSplit('train', { data: empty })).rejects.toMatchObject({
      code: 'DATASET_EMPTY',
    });
    await expect(
      loadImageFolderSplit('train', { data: path.join(root, 'missing') }),
    ).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    const code = { code: 'DATASET_INVALID_OPTION' };
    expect(() => imageFolderSize({ size: 0 })).toThrow(expect.objectContaining(code));
    expect(() => imageFolderSize({ size: '32' })).toThrow(expect.objectContaining(code));
    expect(() => imageFolderSize({ set: 'noto' })).toThrow(/no option set/);
  });
});
