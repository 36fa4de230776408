import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManyViewsError } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { consoleLogger, formatFields } from './console-logger.js';
import { aboutFile, readRecipeFile, readUserFile } from './user-files.js';

describe('reading user files', () => {
  it('gives typed errors naming the file for missing, folder and non-JSON recipes', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cli-files-'));
    const missing = path.join(dir, 'missing.json');
    await expect(readRecipeFile(missing)).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
      message: expect.stringContaining(missing),
    });
    await expect(readUserFile(dir, 'image')).rejects.toMatchObject({
      code: 'FILE_UNREADABLE',
      message: expect.stringMatching(/it is a folder/),
    });
    const bad = path.join(dir, 'bad.json');
    await writeFile(bad, '{"version": 1,');
    await expect(readRecipeFile(bad)).rejects.toMatchObject({ code: 'RECIPE_INVALID' });
    const good = path.join(dir, 'good.json');
    await writeFile(good, '{"version": 1, "domain": "image", "pipeline": []}');
    expect(await readRecipeFile(good)).toEqual({ version: 1, domain: 'image', pipeline: [] });
  });

  it('prefixes errors of work on a file with its name, keeping the code', async () => {
    const failing = () => Promise.reject(new ManyViewsError('IMAGE_DECODE_FAILED', 'not an image'));
    await expect(aboutFile('a.txt', failing)).rejects.toMatchObject({
      code: 'IMAGE_DECODE_FAILED',
      message: 'a.txt: not an image',
    });
  });
});

describe('consoleLogger', () => {
  it('writes the fields of warnings and errors, errors by code and message', () => {
    const lines: string[] = [];
    const stream = { write: (s: string) => lines.push(s) } as unknown as NodeJS.WritableStream;
    const logger = consoleLogger(stream);
    logger.error('model skipped', {
      dir: 'models/x',
      error: new ManyViewsError('MODEL_INVALID', 'bad'),
    });
    logger.info('plain', { ignored: true });
    expect(lines).toEqual([
      'error: model skipped (dir=models/x, error=[MODEL_INVALID] bad)\n',
      'plain\n',
    ]);
    expect(formatFields({})).toBe('');
    expect(formatFields({ n: 3, list: [1, 2] })).toBe(' (n=3, list=[1,2])');
  });
});
