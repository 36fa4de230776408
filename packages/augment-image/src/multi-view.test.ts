import { ManyViewsError, Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { buildMultiView, multiView } from './multi-view.js';
import { byolRecipe, simclrRecipe } from './recipes.js';
import { buildImagePipeline } from './registry.js';
import { syntheticScene } from './synthetic-scene.js';

const small = (steps: unknown[]) =>
  steps.map((s) =>
    (s as { type: string }).type === 'randomResizedCrop' ? { ...(s as object), size: 32 } : s,
  );

describe('multiView', () => {
  it('gives view i from pipeline i and rng.fork(i), and replays every view', () => {
    const a = buildImagePipeline({
      version: 1,
      domain: 'image',
      pipeline: [{ type: 'invert', p: 1 }],
    });
    const b = buildImagePipeline({
      version: 1,
      domain: 'image',
      pipeline: [{ type: 'gaussianNoise' }],
    });
    const mv = multiView([a.transform, b.transform], 3);
    const img = syntheticScene(10, 8, 3);
    const rng = new Rng(4).fork(0, 12);
    const { views, records } = mv.run(img, rng);
    expect(views).toHaveLength(3);
    expect(records.map((r) => r.name)).toEqual(['compose', 'compose', 'compose']);
    expect(views[0].data[0]).toBeCloseTo(1 - img.data[0], 6);
    expect(b.transform.run(img, rng.fork(1)).output.data).toEqual(views[1].data);
    expect(views[2].data).toEqual(views[0].data);
    const replayed = mv.apply(img, records);
    for (const [i, v] of replayed.entries()) expect(v.data).toEqual(views[i].data);
    // Views own their buffers: a second run must not overwrite the first run's views.
    const first = Float32Array.from(views[1].data);
    mv.run(img, new Rng(5).fork(0, 13));
    expect(views[1].data).toEqual(first);
  });

  it("builds BYOL's asymmetric views: view 0 always blurred, never solarized", () => {
    const recipe = { ...byolRecipe, pipelines: byolRecipe.pipelines.map(small) };
    const byol = buildMultiView(recipe);
    expect(byol.views).toBe(2);
    expect(byol.recipe.pipelines).toHaveLength(2);
    const img = syntheticScene(48, 40, 3);
    let solarized1 = 0;
    for (let i = 0; i < 40; i++) {
      const { records } = byol.run(img, new Rng(1).fork(0, i));
      const steps = (r: unknown) => (r as { params: { name: string; params: never }[] }).params;
      const blur0 = steps(records[0])[4].params as { applied: boolean };
      const sol0 = steps(records[0])[5].params as { applied: boolean };
      const sol1 = steps(records[1])[5].params as { applied: boolean };
      expect(blur0.applied).toBe(true);
      expect(sol0.applied).toBe(false);
      if (sol1.applied) solarized1++;
    }
    expect(solarized1).toBeGreaterThan(2);
    expect(solarized1).toBeLessThan(18);
  });

  it('reads a plain recipe as one pipeline for all views, round-trips, names bad fields', () => {
    const plain = buildMultiView({ ...simclrRecipe, pipeline: small(simclrRecipe.pipeline) });
    expect(plain.views).toBe(2);
    const again = buildMultiView(JSON.stringify(plain.recipe));
    expect(again.recipe).toEqual(plain.recipe);
    const bad = {
      ...byolRecipe,
      pipelines: [byolRecipe.pipelines[0], [{ type: 'solarize', p: 3 }]],
    };
    expect(() => buildMultiView(bad)).toThrow(/pipelines\[1\]\.pipeline\[0\]\.p/);
    expect(() => buildMultiView({ ...byolRecipe, extra: 1 })).toThrow(/recipe\.extra/);
    expect(() => multiView([])).toThrow(ManyViewsError);
  });

  it('reads only own fields: an inherited pipelines does not make a recipe multi-view', () => {
    const recipe = Object.assign(Object.create({ pipelines: [[{ type: 'invert' }]] }), {
      version: 1,
      domain: 'image',
      pipeline: [{ type: 'horizontalFlip', p: 1 }],
    });
    expect(buildMultiView(recipe).recipe.pipelines).toEqual([[{ type: 'horizontalFlip', p: 1 }]]);
  });

  it('refuses steps with keys named after Object properties', () => {
    for (const key of ['toString', 'constructor', 'valueOf', 'hasOwnProperty', '__proto__']) {
      const text = `{"version":1,"domain":"image","pipelines":[[{"type":"invert","${key}":1}]]}`;
      expect(() => buildMultiView(text), key).toThrow(/RECIPE_UNKNOWN_PARAM|is not an option/);
      try {
        buildMultiView(text);
      } catch (e) {
        expect((e as { code: string }).code).toBe('RECIPE_UNKNOWN_PARAM');
      }
    }
  });
});
