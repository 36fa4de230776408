import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { ManyViewsError } from '@manyviews/augment-core';
import { type DecodeOptions, decodeImage } from './decode.js';
import type { RawImage } from './raw-image.js';

/** Options of {@link loadImageFolder}. */
export interface LoadImageFolderOptions extends DecodeOptions {
  /** File endings read, lower case with the dot; default `.png`, `.jpg`, `.jpeg`, `.webp`. */
  extensions?: readonly string[];
  /** At most this many files, in sorted path order; default all. */
  limit?: number;
}

/** The images of a folder, in sorted path order, with their labels. */
export interface ImageFolder {
  images: RawImage[];
  /** Paths relative to the folder, `/`-separated. */
  files: string[];
  /** Index into `classes` for each image; -1 for a file directly in the folder. */
  labels: number[];
  /** The subfolder names, sorted: class `i` is `classes[i]` (empty when there are none). */
  classes: string[];
}

const EXTENSIONS = ['.png', '.jpg', '.jpeg', '.webp'];

/**
 * Reads a user's folder of images, as torchvision's `ImageFolder`: each subfolder is a class
 * (named by the folder, sorted, files below it at any depth), and files directly in the folder
 * come with label -1, so a flat folder works as an unlabelled set. Each file is decoded with
 * `decodeImage` (EXIF orientation applied; `options` passed on).
 *
 * @param dir the folder
 * @param options decode options, plus `extensions` and `limit`
 * @throws {ManyViewsError} `FILE_NOT_FOUND` when `dir` is not a folder, `DATASET_EMPTY` when it
 *   holds no image, and the decode errors of `decodeImage` with the file's path in the message
 * @example
 * const { images, labels, classes } = await loadImageFolder('photos', { channels: 3 });
 */
export async function loadImageFolder(
  dir: string,
  options: LoadImageFolderOptions = {},
): Promise<ImageFolder> {
  const { extensions = EXTENSIONS, limit, ...decode } = options;
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new ManyViewsError('FILE_NOT_FOUND', `loadImageFolder: ${dir} is not a folder`, {
      expected: 'a folder of images',
      received: dir,
    });
  }

  const wanted = new Set(extensions.map((e) => e.toLowerCase()));
  let files = (await walk(dir))
    .filter((f) => wanted.has(extname(f).toLowerCase()))
    .map((f) => relative(dir, f).split(sep).join('/'))
    .sort();
  if (limit !== undefined) files = files.slice(0, limit);
  if (files.length === 0) {
    throw new ManyViewsError('DATASET_EMPTY', `loadImageFolder: ${dir} holds no image`, {
      expected: `files ending in ${[...wanted].join(', ')}`,
    });
  }

  const classes = [...new Set(files.filter((f) => f.includes('/')).map((f) => f.split('/')[0]))];
  classes.sort();
  const labels = files.map((f) => (f.includes('/') ? classes.indexOf(f.split('/')[0]) : -1));
  const images: RawImage[] = [];
  for (const file of files) {
    const bytes = await readFile(join(dir, file));
    try {
      images.push(await decodeImage(bytes, decode));
    } catch (error) {
      if (!(error instanceof ManyViewsError)) throw error;
      throw new ManyViewsError(error.code, `${file}: ${error.message}`, { cause: error });
    }
  }
  return { images, files, labels, classes };
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}
