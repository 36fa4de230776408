import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { buildMultiView } from './multi-view.js';
import { inputCaption, previewSheet, shortenName, viewCaption } from './preview-sheet.js';
import { imagePresets } from './recipes.js';
import { syntheticScene } from './synthetic-scene.js';

describe('previewSheet', () => {
  it('captions BYOL views with their index, pipeline and draws; labels: false is the bare grid', async () => {
    const image = syntheticScene(80, 60, 3);
    const byol = buildMultiView({ ...(imagePresets.byol as object), views: 3 });
    const { views, records } = byol.run(image, new Rng(1).fork(0, 0));
    const rows = [{ file: 'photos/a<b>&"c".png', image, views, records }];

    const bare = await previewSheet(rows, { cell: 96, gap: 4, labels: false, pipelines: 2 });
    const labelled = await previewSheet(rows, { cell: 96, gap: 4, pipelines: 2 });
    expect([bare.width, bare.height]).toEqual([4 + 4 * 100, 4 + 100]);
    expect(labelled.width).toBe(bare.width);
    expect(labelled.height).toBeGreaterThan(bare.height);

    const caption = viewCaption(records[1], 1, 2, image);
    expect(caption[0]).toBe('view 1 · pipeline 1');
    expect(caption[1]).toMatch(/^crop \d+(\.\d)?%/);
    expect(inputCaption(rows[0].file, image, 0)).toEqual(['a<b>&"c".png', 'input 0 · 80x60']);
  });
});

describe('shortenName', () => {
  it('cuts long names in the middle, keeping the extension', () => {
    expect(shortenName('short.png', 22)).toBe('short.png');
    const cut = shortenName('a_really_long_holiday_photo_name_0042.jpeg', 22);
    expect([...cut]).toHaveLength(22);
    expect(cut).toBe('a_really_lon…0042.jpeg');
  });
});
