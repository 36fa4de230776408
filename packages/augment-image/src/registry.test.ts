import {
  type AppliedRecord,
  ManyViewsError,
  type ParamSpec,
  type Recipe,
  Rng,
} from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { createImage, type RawImage } from './raw-image.js';
import { defaultFashionMnistRecipe } from './recipes.js';
import { buildImagePipeline, imageRegistry } from './registry.js';
import { syntheticScene } from './synthetic-scene.js';

const NAMES = imageRegistry.names();
const INPUTS: RawImage[] = [
  syntheticScene(24, 18, 3),
  syntheticScene(17, 21, 4),
  syntheticScene(20, 20, 1),
];

// Small outputs keep the 26 transforms x 3 inputs x 4 wrappings cheap.
const SMALL: Record<string, Record<string, unknown>> = {
  randomResizedCrop: { size: 12 },
  randomCrop: { size: 12, padding: 2 },
  centerCrop: { size: 12 },
  resize: { size: 14 },
};

const recipe = (pipeline: unknown[]): Recipe =>
  ({ version: 1, domain: 'image', pipeline }) as Recipe;
const step = (name: string) => ({ type: name, ...(SMALL[name] ?? {}) });

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    return e instanceof ManyViewsError ? `${e.code}: ${e.message}` : String(e);
  }
  return 'no error';
}

/** A value the spec refuses, or undefined when every value of its type is allowed. */
function outOfRange(spec: ParamSpec): unknown {
  switch (spec.kind) {
    case 'number':
    case 'integer':
      return spec.max !== undefined ? spec.max + 1 : spec.min !== undefined ? spec.min - 1 : 'x';
    case 'boolean':
      return 'yes';
    case 'enum':
      return 'not-a-value';
    case 'range':
      return spec.max !== undefined ? [0, spec.max + 1] : [1, 0];
    case 'numbers':
      return spec.max !== undefined ? [spec.max + 1] : ['x'];
  }
}

describe('imageRegistry, generically over every registered transform', () => {
  it('holds the transforms the README lists', () => {
    expect(NAMES).toEqual([
      'autoContrast',
      'centerCrop',
      'colorJitter',
      'equalize',
      'gaussianBlur',
      'gaussianNoise',
      'horizontalFlip',
      'invert',
      'jpegCompression',
      'normalize',
      'pad',
      'posterize',
      'randAugment',
      'randomAffine',
      'randomCrop',
      'randomErasing',
      'randomGrayscale',
      'randomPerspective',
      'randomResizedCrop',
      'resize',
      'rotation',
      'sharpen',
      'solarize',
      'trivialAugment',
      'verticalFlip',
      'webpCompression',
    ]);
  });

  it('replays exactly what each drew, alone and inside randomApply, oneOf and someOf', () => {
    const wrappings = (name: string) => [
      [step(name)],
      [{ type: 'randomApply', p: 0.5, transform: step(name) }],
      [{ type: 'oneOf', transforms: [step(name), { type: 'horizontalFlip', p: 1 }] }],
      [{ type: 'someOf', transforms: [step(name), { type: 'verticalFlip' }], range: [1, 2] }],
    ];
    for (const name of NAMES) {
      for (const pipeline of wrappings(name)) {
        const { transform } = buildImagePipeline(recipe(pipeline));
        for (const [k, img] of INPUTS.entries()) {
          const seeds = name.endsWith('Compression') ? [k] : [k, k + 10, k + 20];
          for (const seed of seeds) {
            const { output, record } = transform.run(img, new Rng(seed).fork(0, seed, 1));
            expect(output.data.every(Number.isFinite), name).toBe(true);
            const stored = JSON.parse(JSON.stringify(record)) as AppliedRecord;
            expect(stored, name).toEqual(record);
            expect(transform.apply(img, stored.params).data, name).toEqual(output.data);
            const again = transform.run(img, new Rng(seed).fork(0, seed, 1));
            expect(again.record, name).toEqual(record);
          }
        }
      }
    }
  });

  it('round-trips each step through versioned JSON to the same recipe and the same views', () => {
    for (const name of NAMES) {
      const first = buildImagePipeline(recipe([step(name)]));
      const text = JSON.stringify(first.recipe);
      const second = buildImagePipeline(text);
      expect(second.recipe, name).toEqual(first.recipe);
      expect(second.recipe.version).toBe(1);
      const img = INPUTS[0];
      const a = first.transform.run(img, new Rng(3));
      const b = second.transform.run(img, new Rng(3));
      expect(b.record, name).toEqual(a.record);
      expect(b.output.data, name).toEqual(a.output.data);
    }
  });

  it('refuses unknown fields and out-of-range values, naming the field', () => {
    for (const name of NAMES) {
      const unknown = codeOf(() => buildImagePipeline(recipe([{ type: name, bogus: 1 }])));
      expect(unknown, name).toMatch(/^RECIPE_UNKNOWN_PARAM: pipeline\[0\]\.bogus/);
      const specs = imageRegistry.get(name)?.params ?? {};
      for (const [field, spec] of Object.entries(specs)) {
        const bad = outOfRange(spec);
        const msg = codeOf(() => buildImagePipeline(recipe([{ type: name, [field]: bad }])));
        expect(msg, `${name}.${field} = ${JSON.stringify(bad)}`).toMatch(
          new RegExp(`^RECIPE_INVALID_PARAM: pipeline\\[0\\]\\.${field} `),
        );
      }
    }
  });

  it('builds the Fashion-MNIST recipe: 28x28x1 views in [-1, 1], seeded and replayable', () => {
    const { transform, recipe: built } = buildImagePipeline(defaultFashionMnistRecipe);
    expect(built.views).toBe(2);
    expect(built.name).toBe('fashion-mnist-simclr');
    expect(Object.isFrozen(defaultFashionMnistRecipe.pipeline[0])).toBe(true);
    const img = syntheticScene(28, 28, 1);
    for (let i = 0; i < 20; i++) {
      const { output, record } = transform.run(img, new Rng(5).fork(0, i, 0));
      expect([output.width, output.height, output.channels]).toEqual([28, 28, 1]);
      expect(Math.min(...output.data)).toBeGreaterThanOrEqual(-1);
      expect(Math.max(...output.data)).toBeLessThanOrEqual(1);
      expect(transform.apply(img, record.params).data).toEqual(output.data);
    }
    const a = transform.run(img, new Rng(5).fork(0, 0, 0)).output.data;
    const b = transform.run(img, new Rng(5).fork(0, 0, 1)).output.data;
    expect(a).not.toEqual(b);
  });

  it('names the field of an invalid nested step', () => {
    const bad = recipe([
      { type: 'randomApply', p: 0.5, transform: { type: 'gaussianBlur', sigma: [3, 1] } },
    ]);
    expect(codeOf(() => buildImagePipeline(bad))).toMatch(/pipeline\[0\]\.transform\.sigma/);
    expect(codeOf(() => buildImagePipeline(recipe([{ type: 'flip' }])))).toMatch(
      /RECIPE_UNKNOWN_TRANSFORM: pipeline\[0\]\.type/,
    );
  });

  it('recycle ignores what is not a view of this pipeline, without throwing', () => {
    const { transform } = buildImagePipeline(defaultFashionMnistRecipe);
    const img = createImage(28, 28, 1);
    const view = transform.run(img, new Rng(1)).output;
    for (const junk of [null, undefined, 3, 'view', {}, { data: [1, 2] }, img]) {
      expect(() => transform.recycle(junk as never)).not.toThrow();
    }
    transform.recycle(view);
    transform.recycle(view);
    const again = transform.run(img, new Rng(2)).output;
    expect(again.data.length).toBe(28 * 28);
  });
});
