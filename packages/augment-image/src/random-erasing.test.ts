import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { randomErasing } from './random-erasing.js';
import { syntheticScene } from './synthetic-scene.js';

describe('randomErasing', () => {
  it('erases a box of the drawn area and aspect with the value, and replays', () => {
    const img = syntheticScene(40, 30, 3);
    const t = randomErasing({ p: 1, scale: [0.1, 0.2], ratio: [0.5, 2], value: 0.25 });
    for (let i = 0; i < 20; i++) {
      const { output, record } = t.run(img, new Rng(i));
      const { erased, x = 0, y = 0, w = 0, h = 0 } = record.params;
      expect(erased).toBe(true);
      const area = (w * h) / (40 * 30);
      expect(area).toBeGreaterThan(0.08);
      expect(area).toBeLessThan(0.23);
      expect(output.data[((y + 1) * 40 + x + 1) * 3]).toBe(0.25);
      if (x > 0) expect(output.data[(y * 40 + x - 1) * 3]).toBe(img.data[(y * 40 + x - 1) * 3]);
      expect(t.apply(img, record.params).data).toEqual(output.data);
    }
  });

  it('fills with recorded noise when random, and erases nothing when no box fits', () => {
    const img = syntheticScene(20, 20, 1);
    const t = randomErasing({ p: 1, random: true });
    const { output, record } = t.run(img, new Rng(3));
    expect(Number.isInteger(record.params.seed)).toBe(true);
    expect(t.apply(img, record.params).data).toEqual(output.data);
    const never = randomErasing({ p: 1, scale: [1, 1], ratio: [1, 1] }).run(img, new Rng(1));
    expect(never.record.params.erased).toBe(false);
    expect(never.output).toBe(img);
  });
});
