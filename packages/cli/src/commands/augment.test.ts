import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { silentLogger } from '@manyviews/augment-core';
import { decodeImage, encodePng, syntheticScene } from '@manyviews/augment-image';
import { describe, expect, it } from 'vitest';
import { parseCommandArgs } from '../args.js';
import { augmentSpec, runAugment } from './augment.js';

async function fixture(): Promise<{ dir: string; input: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cli-augment-'));
  const input = path.join(dir, 'scene.png');
  await writeFile(input, await encodePng(syntheticScene(48, 40, 3)));
  return { dir, input };
}

function augment(...argv: string[]): Promise<void> {
  return runAugment(parseCommandArgs(augmentSpec, argv), silentLogger);
}

describe('manyviews augment --out', () => {
  it('creates the folder of --out when it is missing', async () => {
    const { dir, input } = await fixture();
    const out = path.join(dir, 'out', 'deeper', 'sheet.png');
    await augment('--preset', 'simclr', '--input', input, '--views', '2', '--out', out);
    expect((await stat(out)).size).toBeGreaterThan(0);
    const json = JSON.parse(await readFile(out.replace(/\.png$/, '.json'), 'utf8'));
    expect(json.inputs[0].views).toHaveLength(2);
  }, 60_000);

  it('turns a write that still fails into FILE_UNWRITABLE naming the file', async () => {
    const { dir, input } = await fixture();
    const blocked = path.join(dir, 'scene.png', 'sheet.png');
    await expect(
      augment('--preset', 'simclr', '--input', input, '--views', '1', '--out', blocked),
    ).rejects.toMatchObject({
      code: 'FILE_UNWRITABLE',
      message: expect.stringContaining(blocked),
    });
    await expect(
      augment('--preset', 'simclr', '--input', input, '--views', '1', '--out', dir),
    ).rejects.toMatchObject({ code: 'FILE_UNWRITABLE' });
  }, 60_000);
});

describe('manyviews augment labels', () => {
  it('captions under every cell by default; --no-labels gives the bare grid, same cells, same JSON', async () => {
    const { dir, input } = await fixture();
    const labelled = path.join(dir, 'labelled.png');
    const bare = path.join(dir, 'bare.png');
    const common = ['--preset', 'byol', '--input', input, '--views', '3', '--cell', '64'];
    await augment(...common, '--out', labelled);
    await augment(...common, '--out', bare, '--no-labels');

    const a = await decodeImage(await readFile(labelled));
    const b = await decodeImage(await readFile(bare));
    expect([b.width, b.height]).toEqual([4 + 4 * 68, 4 + 68]);
    expect(a.width).toBe(b.width);
    expect(a.height).toBeGreaterThan(b.height);
    const cells = (img: typeof a) => Array.from(img.data.subarray(0, 68 * img.width * 3));
    expect(cells(a)).toEqual(cells(b));

    const json = (file: string) => readFile(file.replace(/\.png$/, '.json'), 'utf8');
    expect(await json(labelled)).toBe(await json(bare));
  }, 60_000);
});
