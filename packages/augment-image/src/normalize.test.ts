import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { normalize } from './normalize.js';
import type { RawImage } from './raw-image.js';

describe('normalize', () => {
  it('maps [0, 1] to [-1, 1] by default, draws nothing and replays', () => {
    const img: RawImage = { width: 3, height: 1, channels: 1, data: new Float32Array([0, 0.5, 1]) };
    const t = normalize();
    const { output, record } = t.run(img, new Rng(1));
    expect(record).toEqual({ name: 'normalize', params: null });
    expect(Array.from(output.data)).toEqual([-1, 0, 1]);
    expect(t.apply(img, null).data).toEqual(output.data);
  });

  it('uses one mean and std per channel', () => {
    const img: RawImage = {
      width: 1,
      height: 1,
      channels: 3,
      data: new Float32Array([0.5, 0.5, 0.5]),
    };
    const out = normalize({ mean: [0.5, 0.25, 0], std: [1, 0.5, 0.25] }).apply(img, null).data;
    expect(out[0]).toBeCloseTo(0, 6);
    expect(out[1]).toBeCloseTo(0.5, 6);
    expect(out[2]).toBeCloseTo(2, 6);
  });

  it('rejects lists that fit neither 1 nor the channel count, and bad std', () => {
    const gray: RawImage = { width: 1, height: 1, channels: 1, data: new Float32Array([0.5]) };
    expect(() => normalize({ mean: [0.1, 0.2, 0.3] }).apply(gray, null)).toThrow(
      /IMAGE_CHANNELS_MISMATCH|normalize\.mean/,
    );
    expect(() => normalize({ std: [0] })).toThrow(/normalize\.std/);
    expect(() => normalize({ mean: [] })).toThrow(/normalize\.mean/);
  });
});
