import { type AppliedRecord, Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { applyJitterReference, type ColorJitterParams } from './color-jitter.js';
import { blurPasses, fractionKernel, kernelWeights } from './gaussian-blur.js';
import { grayKeepChannels } from './gray.js';
import { flipHorizontalReference } from './horizontal-flip.js';
import type { RawImage } from './raw-image.js';
import { simclrRecipe } from './recipes.js';
import { buildImagePipeline } from './registry.js';
import { type Box, resampleBoxReference } from './resample.js';
import { syntheticScene } from './synthetic-scene.js';

/** The inner record of a `randomApply` step, or undefined when it did not apply. */
function inner(step: AppliedRecord): AppliedRecord | undefined {
  const p = step.params as { applied: boolean; inner?: AppliedRecord };
  return p.applied ? p.inner : undefined;
}

/**
 * Replays a SimCLR record with the JavaScript reference of every step (crop, flip, jitter kernels
 * and blur passes in JavaScript, never the SIMD modules).
 */
function reference(img: RawImage, record: AppliedRecord): RawImage {
  const [crop, flip, jitter, gray, blurStep] = record.params as AppliedRecord[];
  let out = resampleBoxReference(img, crop.params as Box, 224, 224);
  if ((flip.params as { flipped: boolean }).flipped) out = flipHorizontalReference(out);
  const j = inner(jitter);
  if (j) out = applyJitterReference(out, j.params as ColorJitterParams);
  if ((gray.params as { gray: boolean }).gray) out = grayKeepChannels(out);
  const b = inner(blurStep);
  if (b) {
    const side = fractionKernel(0.1, out.width, out.height);
    const weights = kernelWeights((b.params as { sigma: number }).sigma, side);
    const data = new Float32Array(out.data.length);
    blurPasses(out.data, data, out.width, out.height, 3, weights, (weights.length - 1) / 2);
    out = { ...out, data };
  }
  return out;
}

describe('the SimCLR chain on its fast paths', () => {
  it('matches the JavaScript reference of every step within 1e-5, and replays exactly', () => {
    const pipeline = buildImagePipeline(simclrRecipe).transform;
    const photo = syntheticScene(500, 375, 3);
    let jittered = 0;
    let blurred = 0;
    for (let i = 0; i < 8; i++) {
      const { output, record } = pipeline.run(photo, new Rng(7).fork(i));
      const want = reference(photo, record);
      let worst = 0;
      for (let k = 0; k < want.data.length; k++) {
        worst = Math.max(worst, Math.abs(output.data[k] - want.data[k]));
      }
      expect(worst).toBeLessThan(1e-5);
      const again = pipeline.apply(photo, record.params).data;
      expect(again.every((v, k) => v === output.data[k])).toBe(true);
      const steps = record.params as AppliedRecord[];
      if (inner(steps[2])) jittered++;
      if (inner(steps[4])) blurred++;
    }
    expect(jittered).toBeGreaterThan(0);
    expect(blurred).toBeGreaterThan(0);
  });

  it('reuses recycled views for later ones, never a view the caller still holds', () => {
    const pooled = buildImagePipeline(simclrRecipe).transform;
    const plain = buildImagePipeline(simclrRecipe).transform;
    const photo = syntheticScene(500, 375, 3);
    const same = (a: Float32Array, b: Float32Array) => a.every((v, k) => v === b[k]);
    const held = pooled.run(photo, new Rng(7).fork(0)).output;
    const heldCopy = Float32Array.from(held.data);
    const buffers = new Set<Float32Array>();
    for (let i = 1; i <= 12; i++) {
      const { output, record } = pooled.run(photo, new Rng(7).fork(i));
      const want = plain.run(photo, new Rng(7).fork(i));
      expect(record).toEqual(want.record);
      expect(same(output.data, want.output.data)).toBe(true);
      const replayed = pooled.apply(photo, record.params);
      expect(replayed.data === output.data).toBe(false);
      expect(same(replayed.data, output.data)).toBe(true);
      buffers.add(output.data);
      pooled.recycle(replayed);
      pooled.recycle(output);
      pooled.recycle(output);
    }
    expect(buffers.size).toBeLessThan(6);
    expect(buffers.has(held.data)).toBe(false);
    expect(same(held.data, heldCopy)).toBe(true);

    pooled.recycle(photo);
    expect(pooled.run(photo, new Rng(7).fork(13)).output.data === photo.data).toBe(false);
  });
});
