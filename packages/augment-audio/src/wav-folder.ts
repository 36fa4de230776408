import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { type Logger, ManyViewsError, silentLogger } from '@manyviews/augment-core';
import type { AudioClip } from './clip.js';
import { decodeWav } from './io/decode-wav.js';

/** Options of {@link loadWavFolder}. */
export interface WavFolderOptions {
  /** Resample every file to this rate; default: keep each file's rate. */
  sampleRate?: number;
  /** Mix channels to mono (default true). */
  mono?: boolean;
  /** Skip files that fail to decode, with a warning, instead of throwing (default false). */
  skipInvalid?: boolean;
  /** Told what was found and skipped. */
  logger?: Logger;
}

/** One file of a folder. */
export interface WavFolderItem {
  clip: AudioClip;
  /** Path relative to the folder, with `/` separators. */
  file: string;
  /** The first-level subfolder holding the file, if any. */
  label?: string;
  /** Index of `label` in the result's `labels`; undefined for files at the top level. */
  labelIndex?: number;
}

/** The clips of a folder. */
export interface WavFolder {
  items: WavFolderItem[];
  /** Subfolder names that hold WAV files, sorted; empty when all files are at the top. */
  labels: string[];
}

/**
 * Loads every `.wav` file under `dir` (any depth, in sorted path order), labelled by the
 * first-level subfolder it sits in: `dir/dog/a.wav` and `dir/dog/x/b.wav` are both `dog`;
 * `dir/c.wav` has no label. This is the layout of most audio classification sets (and of
 * torchvision's ImageFolder), so a user's own recordings drop in for the espeak-ng words.
 *
 * @param dir the folder
 * @param options `sampleRate`, `mono` (true), `skipInvalid` (false), `logger`
 * @throws {ManyViewsError} `AUDIO_FOLDER_NOT_FOUND` when `dir` is not a folder;
 *   `AUDIO_FOLDER_EMPTY` when it holds no WAV file; any decode error of {@link decodeWav}, with
 *   the file named in the message, unless `skipInvalid`
 */
export async function loadWavFolder(
  dir: string,
  options: WavFolderOptions = {},
): Promise<WavFolder> {
  const logger = options.logger ?? silentLogger;
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new ManyViewsError('AUDIO_FOLDER_NOT_FOUND', 'loadWavFolder: not a folder', {
      expected: 'a folder of .wav files',
      received: dir,
    });
  }

  const files = (await listWavFiles(dir))
    .map((path) => relative(dir, path).split(sep).join('/'))
    .sort();
  if (files.length === 0) {
    throw new ManyViewsError('AUDIO_FOLDER_EMPTY', 'loadWavFolder: the folder holds no .wav file', {
      expected: 'at least one .wav file (labels from subfolders)',
      received: dir,
    });
  }

  const items: WavFolderItem[] = [];
  for (const file of files) {
    let clip: AudioClip;
    try {
      clip = decodeWav(await readFile(join(dir, file)), {
        sampleRate: options.sampleRate,
        mono: options.mono,
      });
    } catch (error) {
      if (!options.skipInvalid || !(error instanceof ManyViewsError)) throw namedError(error, file);
      logger.warn('loadWavFolder: skipping a file that does not decode', {
        file,
        code: error.code,
      });
      continue;
    }
    const parts = file.split('/');
    items.push(parts.length > 1 ? { clip, file, label: parts[0] } : { clip, file });
  }

  const labels = [
    ...new Set(items.flatMap((i) => (i.label === undefined ? [] : [i.label]))),
  ].sort();
  for (const item of items)
    if (item.label !== undefined) item.labelIndex = labels.indexOf(item.label);
  logger.info('loadWavFolder', {
    dir,
    files: items.length,
    labels: labels.length,
    skipped: files.length - items.length,
  });
  return { items, labels };
}

async function listWavFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listWavFiles(path)));
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.wav')) out.push(path);
  }
  return out;
}

function namedError(error: unknown, file: string): unknown {
  if (!(error instanceof ManyViewsError)) return error;
  return new ManyViewsError(error.code, `${file}: ${error.message}`, { cause: error });
}
