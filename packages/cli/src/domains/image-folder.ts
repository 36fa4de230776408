import { stat } from 'node:fs/promises';
import path from 'node:path';
import { hashString, type Logger, ManyViewsError } from '@manyviews/augment-core';
import { loadImageFolder, type RawImage } from '@manyviews/augment-image';
import {
  type ColourImageSplit,
  checkKnownOptions,
  colourImageDataset,
  colourImageRecipe,
  packImages,
  sizeOption,
} from './colour-image-dataset.js';
import { spread } from './spread.js';

/** Every fifth file (by a hash of its path) is test when the folder has no `train/` and `test/`. */
const TEST_SHARE = 5;
const DEFAULT_SIZE = 32;
/** The class of files directly in the folder when it also has class subfolders. */
const UNLABELLED = 'unlabelled';

async function isFolder(dir: string): Promise<boolean> {
  return (await stat(dir).catch(() => undefined))?.isDirectory() ?? false;
}

interface Item {
  file: string;
  image: RawImage;
  label: string | undefined;
  split: 'train' | 'test';
}

async function readFolder(dir: string, size: number, split?: 'train' | 'test'): Promise<Item[]> {
  // Resized inside the decode (Lanczos-3, aspect ratio not kept), as the server resizes uploads;
  // alpha is dropped, the colour under it kept.
  const folder = await loadImageFolder(dir, { channels: 3, size: { width: size, height: size } });
  return folder.images.map((image, i) => ({
    file: folder.files[i],
    image,
    label: folder.labels[i] < 0 ? undefined : folder.classes[folder.labels[i]],
    split: split ?? (hashString(folder.files[i]) % TEST_SHARE === 0 ? 'test' : 'train'),
  }));
}

/**
 * Loads one split of a user's folder of images (`--dataset image-folder --data DIR`), resized
 * to `size` x `size` RGB (default 32; `--dataset-options {"size":64}`).
 *
 * Split: `DIR/train/` and `DIR/test/` when both exist; otherwise every file whose path (relative
 * to DIR, `/`-separated) hashes to 0 mod 5 (augment-core's `hashString`) is test, the rest
 * train, which depends only on the names. Labels: each subfolder (of DIR, or of `train/` and
 * `test/`) is a class, named by the folder, used only by the evaluation; files directly in the
 * folder are class `unlabelled` when there are subfolders, and a folder without subfolders has
 * no classes (kNN and the probe are then reported as not applicable). Classes are the union of
 * both splits', sorted, so indices agree across splits.
 *
 * @throws {ManyViewsError} `CLI_USAGE` without `--data`; `DATASET_INVALID_OPTION` for a bad
 *   size or an unknown option; `FILE_NOT_FOUND` for a missing folder; `DATASET_EMPTY` when the
 *   folder, or this split of it, holds no image; decode errors naming the file
 */
export async function loadImageFolderSplit(
  split: 'train' | 'test',
  options: {
    data?: string;
    limit?: number;
    logger?: Logger;
    options?: Record<string, unknown>;
  },
): Promise<ColourImageSplit> {
  const size = imageFolderSize(options.options);
  const data = options.data;
  if (data === undefined) {
    throw new ManyViewsError('CLI_USAGE', 'image-folder needs --data DIR', {
      expected: 'a folder of images, LABEL/*.png or train/LABEL/*.png and test/LABEL/*.png',
      received: 'no --data',
    });
  }

  const presplit =
    (await isFolder(path.join(data, 'train'))) && (await isFolder(path.join(data, 'test')));
  const all = presplit
    ? [
        ...(await readFolder(path.join(data, 'train'), size, 'train')),
        ...(await readFolder(path.join(data, 'test'), size, 'test')),
      ]
    : await readFolder(data, size);
  const labelled = all.some((item) => item.label !== undefined);
  const classes = labelled ? [...new Set(all.map((e) => e.label ?? UNLABELLED))].sort() : [];
  const mine = spread(
    all.filter((item) => item.split === split),
    options.limit,
  );
  if (mine.length === 0) {
    throw new ManyViewsError('DATASET_EMPTY', `image-folder: no ${split} images in ${data}`, {
      expected: `at least one ${split} image (a fifth of the files by a hash of their paths, or ${split}/)`,
      received: `${all.length} images, none in ${split}`,
    });
  }
  options.logger?.info(
    `image-folder: ${mine.length} ${split} images at ${size}x${size}, ${classes.length} classes`,
  );

  return {
    count: mine.length,
    width: size,
    height: size,
    channels: 3,
    images: packImages(
      mine.map((item) => item.image),
      size,
      size,
    ),
    labels: Int32Array.from(mine, (item) =>
      labelled ? classes.indexOf(item.label ?? UNLABELLED) : -1,
    ),
    classes,
    names: mine.map((item) => item.file),
  };
}

/**
 * The side of an image folder's images from its options, checked.
 *
 * @throws {ManyViewsError} `DATASET_INVALID_OPTION`
 */
export function imageFolderSize(options: Record<string, unknown> = {}): number {
  checkKnownOptions('image-folder', options, ['size']);
  return sizeOption('image-folder', options, DEFAULT_SIZE);
}

/** A user's own folder of images, labelled by subfolder for the evaluation only. */
export const imageFolder = colourImageDataset({
  name: 'image-folder',
  description: 'your folder of images, RGB at 32 px (--data DIR; --dataset-options {"size":N})',
  defaults: { epochs: 20, batchSize: 128, learningRate: 2e-3, temperature: 0.2 },
  defaultRecipe: colourImageRecipe(DEFAULT_SIZE),
  recipeFor: (options) => colourImageRecipe(imageFolderSize(options)),
  checkOptions: (options) => void imageFolderSize(options),
  load: loadImageFolderSplit,
});
