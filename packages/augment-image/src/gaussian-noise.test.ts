import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { gaussianNoise } from './gaussian-noise.js';
import type { RawImage } from './raw-image.js';

describe('gaussianNoise', () => {
  it('adds noise of the drawn std, replays from the recorded seed, keeps alpha', () => {
    const n = 4000;
    const img: RawImage = {
      width: n,
      height: 1,
      channels: 4,
      data: new Float32Array(n * 4).fill(0.5),
    };
    const t = gaussianNoise({ std: [0.05, 0.1] });
    const { output, record } = t.run(img, new Rng(9));
    const { std } = record.params;
    expect(std).toBeGreaterThanOrEqual(0.05);
    const diffs = Array.from(output.data)
      .filter((_, i) => i % 4 !== 3)
      .map((v) => v - 0.5);
    const mean = diffs.reduce((a, b) => a + b, 0) / diffs.length;
    const sd = Math.sqrt(diffs.reduce((a, b) => a + (b - mean) ** 2, 0) / diffs.length);
    expect(Math.abs(mean)).toBeLessThan(0.005);
    expect(sd / std).toBeGreaterThan(0.95);
    expect(sd / std).toBeLessThan(1.05);
    expect(output.data[3]).toBe(0.5);
    expect(t.apply(img, record.params).data).toEqual(output.data);
    const shared = gaussianNoise({ std: [0.1, 0.1], shared: true }).run(img, new Rng(1)).output
      .data;
    expect(shared[0]).toBe(shared[1]);
  });
});
