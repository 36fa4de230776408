import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { silentLogger } from '@manyviews/augment-core';
import { encodePng, syntheticScene } from '@manyviews/augment-image';
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
