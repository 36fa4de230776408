import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { jpegCompression, webpCompression } from './compression.js';
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
});
