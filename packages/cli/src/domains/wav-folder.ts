import { stat } from 'node:fs/promises';
import path from 'node:path';
import { loadWavFolder, trimSilence, type WavFolderItem } from '@manyviews/augment-audio';
import { hashString, ManyViewsError } from '@manyviews/augment-core';
import { AUDIO_INPUT, type AudioSplit, audioDataset } from './audio-dataset.js';
import { spread } from './spread.js';

/** Every fifth file (by a hash of its path) is test when the folder has no `train/` and `test/`. */
const TEST_SHARE = 5;

async function isFolder(dir: string): Promise<boolean> {
  return (await stat(dir).catch(() => undefined))?.isDirectory() ?? false;
}

/** Items with their class names; files at the top level of a split folder have none. */
async function readFolder(dir: string): Promise<Array<{ item: WavFolderItem; label: string }>> {
  const folder = await loadWavFolder(dir, { sampleRate: AUDIO_INPUT.sampleRate });
  return folder.items.map((item) => ({ item, label: item.label ?? 'unlabelled' }));
}

/**
 * Loads one split of a user's folder of WAV files, labelled by subfolder: `DIR/train/LABEL/*.wav`
 * and `DIR/test/LABEL/*.wav` when both exist, else `DIR/LABEL/*.wav` split by a hash of each
 * file's path (a fifth in test), which depends only on the names. Clips are resampled to 16 kHz,
 * mixed to mono and trimmed of silence, as the served model will do. Classes are the union of
 * both splits' labels, sorted, so label indices agree across splits.
 *
 * @throws {ManyViewsError} `CLI_USAGE` without `--data`; augment-audio's folder and decode errors
 */
export async function loadWavFolderSplit(
  split: 'train' | 'test',
  data: string | undefined,
  limit?: number,
): Promise<AudioSplit> {
  if (data === undefined) {
    throw new ManyViewsError('CLI_USAGE', 'wav-folder needs --data DIR', {
      expected: 'a folder of LABEL/*.wav (or train/LABEL/*.wav and test/LABEL/*.wav)',
      received: 'no --data',
    });
  }
  const presplit =
    (await isFolder(path.join(data, 'train'))) && (await isFolder(path.join(data, 'test')));

  let all: Array<{ item: WavFolderItem; label: string; split: 'train' | 'test' }>;
  if (presplit) {
    const [train, test] = await Promise.all([
      readFolder(path.join(data, 'train')),
      readFolder(path.join(data, 'test')),
    ]);
    all = [
      ...train.map((e) => ({ ...e, split: 'train' as const })),
      ...test.map((e) => ({ ...e, split: 'test' as const })),
    ];
  } else {
    all = (await readFolder(data)).map((e) => ({
      ...e,
      split: hashString(e.item.file) % TEST_SHARE === 0 ? ('test' as const) : ('train' as const),
    }));
  }

  const classes = [...new Set(all.map((e) => e.label))].sort();
  const mine = spread(
    all.filter((e) => e.split === split),
    limit,
  );
  if (mine.length === 0) {
    throw new ManyViewsError('AUDIO_FOLDER_EMPTY', `wav-folder: no ${split} files in ${data}`, {
      expected: `at least one ${split} .wav file`,
      received: 0,
    });
  }
  return {
    count: mine.length,
    labels: Int32Array.from(mine, (e) => classes.indexOf(e.label)),
    classes,
    clips: mine.map((e) => (AUDIO_INPUT.trim ? trimSilence(e.item.clip) : e.item.clip)),
    names: mine.map((e) => e.item.file.replace(/\.wav$/i, '')),
    sampleRate: AUDIO_INPUT.sampleRate,
  };
}

/** A user's own folder of WAV files labelled by subfolder (`--dataset wav-folder --data DIR`). */
export const wavFolder = audioDataset({
  name: 'wav-folder',
  description: 'your folder of WAV files, labelled by subfolder (--data DIR)',
  defaults: { epochs: 40, batchSize: 128, learningRate: 2e-3, temperature: 0.2 },
  load: (split, options) => loadWavFolderSplit(split, options.data, options.limit),
});
