import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { randAugment } from './rand-augment.js';
import { syntheticScene } from './synthetic-scene.js';

describe('randAugment', () => {
  it('applies numOps ops at the fixed bin with random signs, and replays', () => {
    const t = randAugment({ numOps: 3, magnitude: 9 });
    const img = syntheticScene(16, 12, 3);
    const ops = new Set<string>();
    let negative = 0;
    for (let i = 0; i < 80; i++) {
      const { output, record } = t.run(img, new Rng(i));
      expect(record.params.ops).toHaveLength(3);
      for (const op of record.params.ops) {
        ops.add(op.op);
        expect(op.bin).toBe(9);
        if (op.op === 'Rotate') expect(Math.abs(op.value)).toBeCloseTo(9, 9);
        if (op.value < 0) negative++;
      }
      expect(t.apply(img, record.params).data).toEqual(output.data);
    }
    expect(ops.size).toBe(14);
    expect(negative).toBeGreaterThan(20);
  });

  it('refuses a magnitude outside the bins, naming the field', () => {
    expect(() => randAugment({ magnitude: 31 })).toThrow(/randAugment\.magnitude/);
    expect(() => randAugment({ numOps: -1 })).toThrow(/randAugment\.numOps/);
  });
});
