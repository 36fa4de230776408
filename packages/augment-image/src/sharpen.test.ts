import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import type { RawImage } from './raw-image.js';
import { sharpen, sharpenImage } from './sharpen.js';
import { syntheticScene } from './synthetic-scene.js';

describe('sharpen', () => {
  it("is the identity at factor 1 and torchvision's 3x3 smoothing at 0, border kept", () => {
    const img = syntheticScene(9, 7, 3);
    const one = sharpenImage(img, 1).data;
    for (let i = 0; i < one.length; i++) expect(one[i]).toBeCloseTo(img.data[i], 6);

    const spike: RawImage = { width: 3, height: 3, channels: 1, data: new Float32Array(9) };
    spike.data[4] = 1;
    const smooth = sharpenImage(spike, 0).data;
    expect(smooth[4]).toBeCloseTo(5 / 13, 6);
    expect(smooth[0]).toBe(0);
    const sharp = sharpenImage({ ...spike, data: new Float32Array(9).fill(0.5) }, 2).data;
    expect(Array.from(sharp)).toEqual(new Array(9).fill(0.5));
  });

  it('draws the factor in range when it runs, and replays', () => {
    const t = sharpen({ factor: [0.5, 3], p: 1 });
    const img = syntheticScene(8, 8, 1);
    const { output, record } = t.run(img, new Rng(2));
    const f = record.params.drawn?.factor ?? -1;
    expect(f).toBeGreaterThanOrEqual(0.5);
    expect(f).toBeLessThan(3);
    expect(t.apply(img, record.params).data).toEqual(output.data);
  });
});
