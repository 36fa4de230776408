import { ManyViewsError, Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import type { RawImage } from './raw-image.js';
import { defaultFashionMnistRecipe } from './recipes.js';
import { buildImagePipeline, imageRegistry } from './registry.js';

function shirt(): RawImage {
  const data = new Float32Array(28 * 28);
  for (let y = 4; y < 24; y++) for (let x = 6; x < 22; x++) data[y * 28 + x] = 0.3 + (x + y) / 100;
  return { width: 28, height: 28, channels: 1, data };
}

describe('imageRegistry and the default recipe', () => {
  it('registers every transform with defaults that build', () => {
    expect(imageRegistry.names()).toEqual([
      'colorJitter',
      'gaussianBlur',
      'horizontalFlip',
      'normalize',
      'randomGrayscale',
      'randomResizedCrop',
      'rotation',
    ]);
    for (const name of imageRegistry.names()) {
      const { transform } = buildImagePipeline({
        version: 1,
        domain: 'image',
        pipeline: [{ type: name }],
      });
      expect(transform.run(shirt(), new Rng(1)).output.channels).toBe(1);
    }
  });

  it('builds the Fashion-MNIST recipe: 28x28x1 views in [-1, 1], seeded and replayable', () => {
    const { transform, recipe } = buildImagePipeline(defaultFashionMnistRecipe);
    expect(recipe.views).toBe(2);
    expect(recipe.name).toBe('fashion-mnist-simclr');
    expect(Object.isFrozen(defaultFashionMnistRecipe.pipeline[0])).toBe(true);
    const img = shirt();
    for (let i = 0; i < 20; i++) {
      const rng = new Rng(5).fork(0, i, 0);
      const { output, record } = transform.run(img, rng);
      expect([output.width, output.height, output.channels]).toEqual([28, 28, 1]);
      expect(Math.min(...output.data)).toBeGreaterThanOrEqual(-1);
      expect(Math.max(...output.data)).toBeLessThanOrEqual(1);
      expect(transform.apply(img, record.params).data).toEqual(output.data);
      expect(JSON.parse(JSON.stringify(record))).toEqual(record);
      expect(transform.run(img, new Rng(5).fork(0, i, 0)).output.data).toEqual(output.data);
    }
    const a = transform.run(img, new Rng(5).fork(0, 0, 0)).output.data;
    const b = transform.run(img, new Rng(5).fork(0, 0, 1)).output.data;
    expect(a).not.toEqual(b);
  });

  it('names the field of an invalid step', () => {
    const bad = {
      ...defaultFashionMnistRecipe,
      pipeline: [
        defaultFashionMnistRecipe.pipeline[0],
        { type: 'randomApply', p: 0.5, transform: { type: 'gaussianBlur', sigma: [3, 1] } },
      ],
    };
    let error: unknown;
    try {
      buildImagePipeline(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ManyViewsError);
    expect((error as ManyViewsError).message).toMatch(/pipeline\[1\]\.transform\.sigma/);
    expect(() =>
      buildImagePipeline({ version: 1, domain: 'image', pipeline: [{ type: 'flip' }] }),
    ).toThrow(/pipeline\[0\]\.type/);
    expect(() =>
      buildImagePipeline({
        version: 1,
        domain: 'image',
        pipeline: [{ type: 'rotation', angle: 3 }],
      }),
    ).toThrow(/pipeline\[0\]\.angle/);
  });
});
