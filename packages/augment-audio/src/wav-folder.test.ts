import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManyViewsError } from '@manyviews/augment-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from './io/encode-wav.js';
import { sine } from './test-signals.js';
import { loadWavFolder } from './wav-folder.js';

describe('loadWavFolder', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wav-folder-'));
    await mkdir(join(dir, 'dog', 'deep'), { recursive: true });
    await mkdir(join(dir, 'cat'));
    await mkdir(join(dir, 'empty'));
    await writeFile(join(dir, 'dog', 'a.wav'), encodeWav(sine(200, 0.1, 8000)));
    await writeFile(join(dir, 'dog', 'deep', 'b.WAV'), encodeWav(sine(200, 0.1, 22050)));
    await writeFile(
      join(dir, 'cat', 'c.wav'),
      encodeWav(sine(300, 0.2, 8000), { bitDepth: '32f' }),
    );
    await writeFile(join(dir, 'top.wav'), encodeWav(sine(300, 0.05, 8000)));
    await writeFile(join(dir, 'notes.txt'), 'not audio');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('labels files by their first-level subfolder and resamples them', async () => {
    const folder = await loadWavFolder(dir, { sampleRate: 16000 });
    expect(folder.labels).toEqual(['cat', 'dog']);
    expect(folder.items.map((i) => [i.file, i.label, i.labelIndex])).toEqual([
      ['cat/c.wav', 'cat', 0],
      ['dog/a.wav', 'dog', 1],
      ['dog/deep/b.WAV', 'dog', 1],
      ['top.wav', undefined, undefined],
    ]);
    expect(folder.items.every((i) => i.clip.sampleRate === 16000)).toBe(true);
    expect(folder.items[2].clip.channels[0].length).toBe(1600);
  });

  it('names a file that does not decode, or skips it when asked', async () => {
    await writeFile(join(dir, 'cat', 'broken.wav'), new Uint8Array([82, 73, 70, 70, 1, 2]));
    const error = await loadWavFolder(dir).catch((e) => e);
    expect(error).toBeInstanceOf(ManyViewsError);
    expect(error.code).toBe('AUDIO_DECODE_FAILED');
    expect(error.message).toMatch(/^cat\/broken\.wav: /);
    const warnings: string[] = [];
    const logger = { debug() {}, info() {}, warn: (m: string) => warnings.push(m), error() {} };
    const folder = await loadWavFolder(dir, { skipInvalid: true, logger });
    expect(folder.items).toHaveLength(4);
    expect(warnings).toHaveLength(1);
    await rm(join(dir, 'cat', 'broken.wav'));
  });

  it('throws typed errors for a missing or empty folder', async () => {
    expect((await loadWavFolder(join(dir, 'nope')).catch((e) => e)).code).toBe(
      'AUDIO_FOLDER_NOT_FOUND',
    );
    expect((await loadWavFolder(join(dir, 'empty')).catch((e) => e)).code).toBe(
      'AUDIO_FOLDER_EMPTY',
    );
  });
});
