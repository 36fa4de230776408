import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeWav } from '@manyviews/augment-audio';
import { describe, expect, it } from 'vitest';
import { loadWavFolderSplit } from './wav-folder.js';

async function writeTone(file: string, hz: number, rate = 22050): Promise<void> {
  const samples = new Float32Array(Math.round(rate * 0.3));
  for (let n = 0; n < samples.length; n++)
    samples[n] = 0.5 * Math.sin((2 * Math.PI * hz * n) / rate);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, encodeWav({ sampleRate: rate, channels: [samples] }));
}

describe('wav-folder dataset', () => {
  it('uses train/ and test/ when both exist, with one class list for both', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mv-wavs-'));
    await writeTone(path.join(dir, 'train/low/a.wav'), 200);
    await writeTone(path.join(dir, 'train/high/b.wav'), 2000);
    await writeTone(path.join(dir, 'test/low/c.wav'), 210);
    const train = await loadWavFolderSplit('train', dir);
    const test = await loadWavFolderSplit('test', dir);
    expect(train.classes).toEqual(['high', 'low']);
    expect(test.classes).toEqual(['high', 'low']);
    expect(Array.from(train.labels)).toEqual([0, 1]);
    expect(Array.from(test.labels)).toEqual([1]);
    expect(test.names).toEqual(['low/c']);
    expect(train.clips[0].sampleRate).toBe(16000);
  });

  it('otherwise splits LABEL/*.wav by a hash of each path, the same way every time', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mv-wavs-'));
    for (let i = 0; i < 20; i++)
      await writeTone(path.join(dir, i % 2 ? 'a' : 'b', `${i}.wav`), 300 + i);
    const train = await loadWavFolderSplit('train', dir);
    const test = await loadWavFolderSplit('test', dir);
    expect(train.count + test.count).toBe(20);
    expect(test.count).toBeGreaterThan(0);
    expect(new Set([...train.names, ...test.names]).size).toBe(20);
    expect((await loadWavFolderSplit('test', dir)).names).toEqual(test.names);
    expect((await loadWavFolderSplit('train', dir, 3)).count).toBe(3);
  });

  it('asks for --data', async () => {
    await expect(loadWavFolderSplit('train', undefined)).rejects.toMatchObject({
      code: 'CLI_USAGE',
    });
  });
});
