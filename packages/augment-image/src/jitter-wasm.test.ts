import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { applyJitter, applyJitterReference, colorJitter } from './color-jitter.js';
import { jitterWasm } from './jitter-wasm.js';
import type { RawImage } from './raw-image.js';
import { syntheticScene } from './synthetic-scene.js';

/** The synthetic photo with seeded noise, so every hue sector and both clamps are visited. */
function noisyScene(width: number, height: number, seed: number): RawImage {
  const img = syntheticScene(width, height, 3);
  const rng = new Rng(seed);
  for (let i = 0; i < img.data.length; i++) {
    img.data[i] = Math.min(1, Math.max(0, img.data[i] + rng.uniform(-0.3, 0.3)));
  }
  return img;
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

describe('colour jitter through WebAssembly SIMD', () => {
  it('is available on this engine (else the timings in the README do not apply)', () => {
    const px = new Float32Array([0.2, 0.4, 0.6]);
    expect(jitterWasm(px, new Float32Array(3), 1, [0], [1.5])).toBe(true);
  });

  it('matches the JavaScript kernels within 1e-5 for the SimCLR and MoCo v2 strengths', () => {
    const strengths = [
      { brightness: 0.8, contrast: 0.8, saturation: 0.8, hue: 0.2 },
      { brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1 },
      { brightness: 0.9, contrast: 0.9, saturation: 0.9, hue: 0.5 },
    ];
    // 224 is the SimCLR size; 7x5 and 33x17 leave 3 and 1 pixels past the last group of four.
    for (const [w, h] of [
      [224, 224],
      [7, 5],
      [33, 17],
    ]) {
      const img = noisyScene(w, h, w);
      for (const [s, strength] of strengths.entries()) {
        const t = colorJitter(strength);
        for (let i = 0; i < 6; i++) {
          const params = t.run(img, new Rng(s * 100 + i)).record.params;
          const fast = applyJitter(img, params).data;
          expect(maxDiff(fast, applyJitterReference(img, params).data)).toBeLessThan(1e-5);
          expect(maxDiff(applyJitter(img, params).data, fast)).toBe(0);
        }
      }
    }
  });

  it('leaves gray pixels gray under a hue shift and keeps every order exact at factor 1', () => {
    const img: RawImage = {
      width: 4,
      height: 2,
      channels: 3,
      data: Float32Array.from(
        [0, 0, 0, 1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 1, 0, 0].concat([
          0, 1, 0, 0, 0, 1, 0.9, 0.3, 0.6,
        ]),
      ),
    };
    const out = applyJitter(img, { order: ['hue'], hue: 0.3 }).data;
    for (let p = 0; p < 4; p++)
      expect(Array.from(out.slice(p * 3, p * 3 + 3))).toEqual(
        Array.from(img.data.slice(p * 3, p * 3 + 3)),
      );
    const ref = applyJitterReference(img, { order: ['hue'], hue: 0.3 }).data;
    expect(maxDiff(out, ref)).toBeLessThan(1e-6);
    const same = applyJitter(img, {
      order: ['contrast', 'saturation', 'brightness', 'hue'],
      brightness: 1,
      contrast: 1,
      saturation: 1,
      hue: 0,
    }).data;
    expect(maxDiff(same, img.data)).toBeLessThan(1e-6);
  });
});
