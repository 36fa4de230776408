import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { espeakOptions } from './espeak-words.js';

describe('espeak-words --data', () => {
  it('reads a folder as the render cache and a JSON file as loader options', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mv-espeak-'));
    expect(await espeakOptions()).toEqual({});
    expect(await espeakOptions(dir)).toEqual({ cacheDir: dir });
    const file = path.join(dir, 'small.json');
    await writeFile(file, JSON.stringify({ words: ['yes', 'no'], speeds: [175] }));
    expect(await espeakOptions(file)).toEqual({ words: ['yes', 'no'], speeds: [175] });
  });

  it('refuses unknown options and files that are not JSON objects', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mv-espeak-'));
    const cases: Array<[string, string]> = [
      ['typo.json', JSON.stringify({ word: ['yes'] })],
      ['list.json', '[1, 2]'],
      ['broken.json', '{"words": '],
    ];
    for (const [name, text] of cases) {
      await writeFile(path.join(dir, name), text);
      await expect(espeakOptions(path.join(dir, name))).rejects.toMatchObject({
        code: 'CLI_USAGE',
      });
    }
    await expect(espeakOptions(path.join(dir, 'missing'))).rejects.toMatchObject({
      code: 'CLI_USAGE',
    });
  });
});
