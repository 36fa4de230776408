import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import type { RawImage } from './raw-image.js';
import { solarize, solarizeImage } from './solarize.js';

describe('solarize', () => {
  it('inverts values at or above the threshold and keeps alpha', () => {
    const img: RawImage = {
      width: 2,
      height: 1,
      channels: 4,
      data: new Float32Array([0.2, 0.5, 0.9, 0.7, 0.49, 1, 0, 0.3]),
    };
    const want = [0.2, 0.5, 0.1, 0.7, 0.49, 0, 0, 0.3];
    const got = Array.from(solarizeImage(img, 0.5).data);
    for (const [k, v] of got.entries()) expect(v).toBeCloseTo(want[k], 6);
  });

  it('rolls p first and records only whether it ran', () => {
    const img: RawImage = { width: 1, height: 1, channels: 1, data: new Float32Array([0.8]) };
    const t = solarize({ p: 0.3 });
    let ran = 0;
    for (let i = 0; i < 400; i++) {
      const { output, record } = t.run(img, new Rng(i));
      if (record.params.applied) {
        ran++;
        expect(output.data[0]).toBeCloseTo(0.2, 6);
      } else {
        expect(output).toBe(img);
      }
    }
    expect(ran / 400).toBeGreaterThan(0.22);
    expect(ran / 400).toBeLessThan(0.38);
    expect(() => solarize({ threshold: 2 })).toThrow(/solarize\.threshold/);
  });
});
