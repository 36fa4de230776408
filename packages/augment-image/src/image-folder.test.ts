import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ManyViewsError } from '@manyviews/augment-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadImageFolder } from './image-folder.js';

let dir = '';
const png = (r: number, w = 3, h = 2) =>
  sharp({ create: { width: w, height: h, channels: 3, background: { r, g: 0, b: 0 } } })
    .png()
    .toBuffer();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'manyviews-folder-'));
  await mkdir(join(dir, 'dogs', 'puppies'), { recursive: true });
  await mkdir(join(dir, 'cats'));
  await writeFile(join(dir, 'cats', 'a.png'), await png(10));
  await writeFile(join(dir, 'dogs', 'b.PNG'), await png(20));
  await writeFile(join(dir, 'dogs', 'puppies', 'c.png'), await png(30, 5, 4));
  await writeFile(join(dir, 'loose.png'), await png(40));
  await writeFile(join(dir, 'notes.txt'), 'not an image');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('loadImageFolder', () => {
  it('labels by subfolder, sorted, with loose files at -1 and other files skipped', async () => {
    const set = await loadImageFolder(dir);
    expect(set.classes).toEqual(['cats', 'dogs']);
    expect(set.files).toEqual(['cats/a.png', 'dogs/b.PNG', 'dogs/puppies/c.png', 'loose.png']);
    expect(set.labels).toEqual([0, 1, 1, -1]);
    expect(set.images[2].width).toBe(5);
    expect(Math.round(set.images[3].data[0] * 255)).toBe(40);
    expect((await loadImageFolder(dir, { limit: 1, channels: 1 })).images[0].channels).toBe(1);
  });

  it('names the file that fails and refuses a missing or empty folder', async () => {
    await writeFile(join(dir, 'cats', 'broken.png'), 'garbage');
    const error = await loadImageFolder(dir).catch((e) => e as ManyViewsError);
    expect((error as ManyViewsError).code).toBe('IMAGE_DECODE_FAILED');
    expect((error as ManyViewsError).message).toMatch(/^cats\/broken\.png: /);
    await rm(join(dir, 'cats', 'broken.png'));
    const missing = await loadImageFolder(join(dir, 'nope')).catch((e) => e as ManyViewsError);
    expect((missing as ManyViewsError).code).toBe('FILE_NOT_FOUND');
    const empty = await loadImageFolder(dir, { extensions: ['.gif'] }).catch(
      (e) => e as ManyViewsError,
    );
    expect((empty as ManyViewsError).code).toBe('DATASET_EMPTY');
  });
});
