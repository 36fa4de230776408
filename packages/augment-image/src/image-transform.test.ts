import { ManyViewsError, Rng, resolveOptions } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { buildMultiView } from './multi-view.js';
import { createImage, type RawImage } from './raw-image.js';
import { simclrRecipe } from './recipes.js';
import { buildImagePipeline, imageRegistry } from './registry.js';

// Malformed images a user could hand in, each with what the message should name.
const BAD: Array<[string, unknown, RegExp]> = [
  ['short data', { width: 50, height: 50, channels: 3, data: new Float32Array(10) }, /7500/],
  ['two channels', { width: 4, height: 4, channels: 2, data: new Float32Array(32) }, /1, 3 or 4/],
  ['no channels', { width: 4, height: 4, data: new Float32Array(48) }, /1, 3 or 4/],
  ['negative width', { width: -5, height: 4, channels: 1, data: new Float32Array(20) }, /-5x4/],
  ['zero height', { width: 4, height: 0, channels: 1, data: new Float32Array(0) }, /4x0/],
  ['fractional side', { width: 2.5, height: 2, channels: 1, data: new Float32Array(5) }, /2.5/],
  [
    'bytes',
    { width: 2, height: 2, channels: 1, data: new Uint8Array([200, 200, 200, 200]) },
    /fromUint8/,
  ],
  ['plain array', { width: 1, height: 1, channels: 1, data: [0.5] }, /Float32Array/],
  ['null', null, /an object/],
  ['a number', 3, /an object/],
];

function codeOf(fn: () => unknown): { code?: string; message: string } {
  try {
    fn();
  } catch (e) {
    return { code: (e as ManyViewsError).code, message: (e as Error).message };
  }
  return { message: 'no error' };
}

// Required options, where a transform has no defaults for them.
const NEEDS: Record<string, Record<string, unknown>> = {
  normalize: { mean: [0.5], std: [0.5] },
};

function alone(name: string) {
  const factory = imageRegistry.get(name);
  if (!factory) throw new Error(name);
  return factory.create(resolveOptions(name, factory.params, NEEDS[name]));
}

const good = createImage(8, 8, 3);

describe('malformed images', () => {
  it.each(imageRegistry.names())('%s refuses them in run and apply', (name) => {
    const t = alone(name);
    const { record } = t.run(good, new Rng(1));
    for (const [, img, said] of BAD) {
      const run = codeOf(() => t.run(img as RawImage, new Rng(1)));
      expect(run.code).toBe('IMAGE_INVALID');
      expect(run.message).toMatch(said);
      expect(run.message).toContain(`${name}.run`);
      const apply = codeOf(() => t.apply(img as RawImage, record.params));
      expect(apply.code).toBe('IMAGE_INVALID');
      expect(apply.message).toContain(`${name}.apply`);
    }
  });

  it('a pipeline refuses them even when no step would touch them', () => {
    const { transform } = buildImagePipeline({
      version: 1,
      domain: 'image',
      pipeline: [{ type: 'randomApply', p: 0, transform: { type: 'invert' } }],
    });
    const simclr = buildImagePipeline(simclrRecipe).transform;
    for (const [label, img, said] of BAD) {
      for (const t of [transform, simclr]) {
        const run = codeOf(() => t.run(img as RawImage, new Rng(1)));
        expect(run.code, label).toBe('IMAGE_INVALID');
        expect(run.message).toMatch(said);
        expect(codeOf(() => t.apply(img as RawImage, [])).code).toBe('IMAGE_INVALID');
      }
    }
  });

  it('multiView refuses them in run and apply', () => {
    const mv = buildMultiView(simclrRecipe);
    for (const [label, img] of BAD) {
      expect(codeOf(() => mv.run(img as RawImage, new Rng(1))).code, label).toBe('IMAGE_INVALID');
      expect(codeOf(() => mv.apply(img as RawImage, [])).code, label).toBe('IMAGE_INVALID');
    }
  });

  it('well-formed images still pass, with a typed error naming expected and received', () => {
    const t = alone('horizontalFlip');
    expect(t.run(good, new Rng(1)).output.data.length).toBe(8 * 8 * 3);
    const bad = { width: 50, height: 50, channels: 3, data: new Float32Array(10) };
    try {
      t.run(bad as RawImage, new Rng(1));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ManyViewsError);
      expect((e as ManyViewsError).expected).toMatch(/Float32Array of 7500 values \(50x50x3\)/);
      expect((e as ManyViewsError).received).toBe('Float32Array(10)');
    }
  });
});
