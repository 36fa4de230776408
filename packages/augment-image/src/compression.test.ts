import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { jpegCompression, webpCompression } from './compression.js';
import { buildImagePipeline } from './registry.js';
import { syntheticScene } from './synthetic-scene.js';

describe('jpegCompression and webpCompression', () => {
  it('draw an integer quality in range and replay it exactly', () => {
    const img = syntheticScene(32, 24, 3);
    for (const t of [
      jpegCompression({ quality: [20, 40] }),
      webpCompression({ quality: [60, 60] }),
    ]) {
      for (let i = 0; i < 3; i++) {
        const { output, record } = t.run(img, new Rng(i));
        const q = record.params.quality;
        expect(Number.isInteger(q)).toBe(true);
        expect(q).toBeGreaterThanOrEqual(t.name === 'webpCompression' ? 60 : 20);
        expect(q).toBeLessThanOrEqual(t.name === 'webpCompression' ? 60 : 40);
        expect(t.apply(img, record.params).data).toEqual(output.data);
      }
    }
    expect(() => jpegCompression({ quality: [0, 50] })).toThrow(/jpegCompression\.quality/);
    expect(() => jpegCompression().apply(img, { quality: 101 })).toThrow(/INVALID_RECORD|replayed/);
  });

  it('refuse a quality that is not two integers, from code or a recipe', () => {
    for (const make of [jpegCompression, webpCompression]) {
      for (const quality of [
        [30.5, 90],
        [30, 90.5],
      ] as const) {
        expect(() => make({ quality })).toThrow(/quality .*integers/);
      }
    }
    for (const type of ['jpegCompression', 'webpCompression']) {
      const pipeline = [{ type, quality: [30.5, 90] }];
      expect(() => buildImagePipeline({ version: 1, domain: 'image', pipeline })).toThrow(
        /^pipeline\[0\]\.quality is out of range/,
      );
    }
  });
});
