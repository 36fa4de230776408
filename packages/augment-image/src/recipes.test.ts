import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { buildMultiView } from './multi-view.js';
import { imagePresets, mocoV2Recipe, simclrRecipe } from './recipes.js';
import { buildImagePipeline } from './registry.js';
import { syntheticScene } from './synthetic-scene.js';

describe('the ready recipes', () => {
  it('all build, are frozen, and make 224x224 views from a photo', () => {
    const photo = syntheticScene(300, 200, 3);
    for (const [name, recipe] of Object.entries(imagePresets)) {
      const mv = buildMultiView(recipe);
      expect(Object.isFrozen(recipe), name).toBe(true);
      const { views } = mv.run(photo, new Rng(1).fork(0, 0));
      expect(views).toHaveLength(2);
      const side = name === 'fashion-mnist' ? 28 : 224;
      expect([views[0].width, views[0].height], name).toEqual([side, side]);
    }
  });

  it('follow the papers: SimCLR blur kernel 10% of the side, MoCo v2 crops >= 20%', () => {
    const { transform } = buildImagePipeline(simclrRecipe);
    const photo = syntheticScene(300, 200, 3);
    let blurred = 0;
    for (let i = 0; i < 40; i++) {
      const params = transform.run(photo, new Rng(2).fork(0, i)).record.params as Array<{
        params: { applied: boolean };
      }>;
      if (params[4].params.applied) blurred++;
    }
    expect(blurred).toBeGreaterThan(10);
    expect(blurred).toBeLessThan(30);
    const blur = simclrRecipe.pipeline[4] as unknown as { transform: { kernelFraction: number } };
    expect(blur.transform.kernelFraction).toBe(0.1);
    const crop = mocoV2Recipe.pipeline[0] as unknown as { scale: number[] };
    expect(crop.scale).toEqual([0.2, 1]);
  });
});
