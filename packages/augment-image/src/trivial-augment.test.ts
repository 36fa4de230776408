import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { syntheticScene } from './synthetic-scene.js';
import { trivialAugment } from './trivial-augment.js';

describe('trivialAugment', () => {
  it('applies one op at a uniformly drawn bin, and replays', () => {
    const t = trivialAugment();
    const img = syntheticScene(16, 12, 1);
    const bins = new Set<number>();
    for (let i = 0; i < 120; i++) {
      const { output, record } = t.run(img, new Rng(i));
      expect(record.params.ops).toHaveLength(1);
      const [op] = record.params.ops;
      if (!['Identity', 'AutoContrast', 'Equalize'].includes(op.op)) bins.add(op.bin);
      if (op.op === 'Rotate') expect(Math.abs(op.value)).toBeCloseTo((135 * op.bin) / 30, 9);
      expect(t.apply(img, record.params).data).toEqual(output.data);
    }
    expect(bins.size).toBeGreaterThan(20);
    expect(() => trivialAugment({ bins: 1 })).toThrow(/trivialAugment\.bins/);
  });
});
