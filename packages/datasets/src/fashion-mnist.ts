import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ManyViewsError } from '@manyviews/augment-core';
import { parseIdx } from './idx.js';

/** Where Debian's `dataset-fashion-mnist` package installs the files. */
export const FASHION_MNIST_DEBIAN_DIR = '/usr/share/datasets/fashion-mnist';

/** The environment variable that points the loader at another folder. */
export const FASHION_MNIST_ENV = 'MANYVIEWS_FASHION_MNIST';

/** The ten class names, indexed by label. */
export const FASHION_MNIST_CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
] as const;

/** One split of a labelled grayscale image dataset, held as one contiguous byte array. */
export interface GrayImageSplit {
  /** Number of images. */
  count: number;
  width: number;
  height: number;
  /** `count * height * width` bytes, row-major, 0 = background. */
  images: Uint8Array;
  /** `count` class indices. */
  labels: Uint8Array;
  /** Class names by index. */
  classes: readonly string[];
}

/** Options of {@link loadFashionMnist}. */
export interface FashionMnistOptions {
  /** Folder holding the IDX files; default `$MANYVIEWS_FASHION_MNIST`, then the Debian folder. */
  dir?: string;
  /** Keep only the first `limit` examples of the split (for tests and quick runs). */
  limit?: number;
}

const FILES = {
  train: ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte'],
  test: ['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'],
} as const;

/**
 * Loads one split of Fashion-MNIST (Xiao et al. 2017) from its IDX files, gzipped or not.
 *
 * @param split `train` (60,000 images) or `test` (10,000)
 * @throws {ManyViewsError} `DATASET_NOT_FOUND` naming the files and folders it looked for, and
 *   how to install them; `DATASET_CORRUPT` for files that do not parse or do not agree
 * @example
 * const test = await loadFashionMnist('test');
 * test.images.subarray(0, 784); // the first image, 28x28 bytes
 */
export async function loadFashionMnist(
  split: 'train' | 'test',
  options: FashionMnistOptions = {},
): Promise<GrayImageSplit> {
  const dir = resolveFashionMnistDir(options.dir);
  const [imagesName, labelsName] = FILES[split];
  const imagesPath = findFile(dir, imagesName);
  const labelsPath = findFile(dir, labelsName);

  const [imageBytes, labelBytes] = await Promise.all([readFile(imagesPath), readFile(labelsPath)]);
  const images = parseIdx(imageBytes, imagesPath);
  const labels = parseIdx(labelBytes, labelsPath);
  if (
    images.shape.length !== 3 ||
    labels.shape.length !== 1 ||
    images.shape[0] !== labels.shape[0]
  ) {
    throw new ManyViewsError('DATASET_CORRUPT', `the ${split} images and labels do not agree`, {
      expected: '[n, height, width] images and [n] labels',
      received: `[${images.shape.join(', ')}] and [${labels.shape.join(', ')}]`,
    });
  }

  const [total, height, width] = images.shape;
  const count = options.limit === undefined ? total : Math.max(0, Math.min(total, options.limit));
  return {
    count,
    width,
    height,
    images: images.data.subarray(0, count * height * width),
    labels: labels.data.subarray(0, count),
    classes: FASHION_MNIST_CLASSES,
  };
}

/**
 * The folder the loader reads: the argument, else `$MANYVIEWS_FASHION_MNIST`, else Debian's.
 */
export function resolveFashionMnistDir(dir?: string): string {
  return dir ?? process.env[FASHION_MNIST_ENV] ?? FASHION_MNIST_DEBIAN_DIR;
}

/** Whether the four Fashion-MNIST files are present in the folder the loader would read. */
export function hasFashionMnist(dir?: string): boolean {
  const where = resolveFashionMnistDir(dir);
  return [...FILES.train, ...FILES.test].every(
    (name) => existsSync(path.join(where, `${name}.gz`)) || existsSync(path.join(where, name)),
  );
}

function findFile(dir: string, name: string): string {
  for (const candidate of [path.join(dir, `${name}.gz`), path.join(dir, name)]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new ManyViewsError(
    'DATASET_NOT_FOUND',
    `Fashion-MNIST file ${name}(.gz) is not in ${dir}. Install Debian's dataset-fashion-mnist ` +
      `(apt-get install dataset-fashion-mnist), or put train-images-idx3-ubyte.gz, ` +
      `train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz in a ` +
      `folder and pass it as --data or ${FASHION_MNIST_ENV}`,
    { expected: `${name}.gz or ${name}`, received: dir },
  );
}
