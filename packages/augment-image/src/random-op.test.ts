import { ManyViewsError, Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { randomOp } from './random-op.js';
import type { RawImage } from './raw-image.js';

describe('randomOp', () => {
  it('rolls, then draws; replays both and refuses a malformed record', () => {
    const t = randomOp(
      'addDrawn',
      {},
      0.5,
      (_img, rng) => rng.uniform(0, 1),
      (img: RawImage, d: number) => ({ ...img, data: img.data.map((v) => v + d) }),
    );
    const img: RawImage = { width: 1, height: 1, channels: 1, data: new Float32Array([0]) };
    const seen = new Set<boolean>();
    for (let i = 0; i < 20; i++) {
      const { output, record } = t.run(img, new Rng(i));
      seen.add(record.params.applied);
      expect(t.apply(img, record.params).data).toEqual(output.data);
      if (record.params.applied)
        expect(output.data[0]).toBe(Math.fround(record.params.drawn ?? -1));
    }
    expect(seen.size).toBe(2);
    expect(() => t.apply(img, {} as never)).toThrow(ManyViewsError);
  });
});
