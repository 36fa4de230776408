import { describe, expect, it } from 'vitest';
import { syntheticScene } from './synthetic-scene.js';

describe('syntheticScene', () => {
  it('is deterministic, in [0, 1], and has structure in every channel count', () => {
    for (const c of [1, 3, 4] as const) {
      const a = syntheticScene(40, 30, c);
      expect(a.data).toEqual(syntheticScene(40, 30, c).data);
      expect(Math.min(...a.data)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...a.data)).toBeLessThanOrEqual(1);
      expect(new Set(a.data).size).toBeGreaterThan(40);
    }
  });
});
