import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { hasFashionMnist, loadFashionMnist } from './fashion-mnist.js';
import { encodeIdx } from './idx.js';

async function fixture(count: number, gzip: boolean): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'fmnist-'));
  const images = new Uint8Array(count * 4);
  images.forEach((_, i) => {
    images[i] = i % 256;
  });
  const labels = Uint8Array.from({ length: count }, (_, i) => i % 10);
  const files: Array<[string, Uint8Array]> = [
    ['train-images-idx3-ubyte', encodeIdx([count, 2, 2], images)],
    ['train-labels-idx1-ubyte', encodeIdx([count], labels)],
    ['t10k-images-idx3-ubyte', encodeIdx([count, 2, 2], images)],
    ['t10k-labels-idx1-ubyte', encodeIdx([count], labels)],
  ];
  for (const [name, bytes] of files) {
    await writeFile(path.join(dir, gzip ? `${name}.gz` : name), gzip ? gzipSync(bytes) : bytes);
  }
  return dir;
}

describe('loadFashionMnist', () => {
  it('loads a split from a folder, gzipped or not, and honours limit', async () => {
    for (const gzip of [true, false]) {
      const dir = await fixture(12, gzip);
      const split = await loadFashionMnist('train', { dir, limit: 5 });
      expect(split).toMatchObject({ count: 5, width: 2, height: 2 });
      expect(Array.from(split.labels)).toEqual([0, 1, 2, 3, 4]);
      expect(Array.from(split.images.subarray(4, 8))).toEqual([4, 5, 6, 7]);
      expect(split.classes[9]).toBe('Ankle boot');
      expect(hasFashionMnist(dir)).toBe(true);
    }
  });

  it('says which files to get and where when they are missing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'fmnist-empty-'));
    await expect(loadFashionMnist('test', { dir })).rejects.toMatchObject({
      code: 'DATASET_NOT_FOUND',
      message: expect.stringMatching(/t10k-images-idx3-ubyte.*dataset-fashion-mnist/),
    });
    expect(hasFashionMnist(dir)).toBe(false);
  });

  it('reads the real test split when Debian’s package is installed', async (ctx) => {
    if (!hasFashionMnist()) ctx.skip();
    const test = await loadFashionMnist('test');
    expect(test).toMatchObject({ count: 10_000, width: 28, height: 28 });
    const perClass = new Array(10).fill(0);
    for (const label of test.labels) perClass[label]++;
    expect(perClass).toEqual(new Array(10).fill(1000));
  });
});
