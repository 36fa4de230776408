import { describe, expect, it } from 'vitest';
import { pad, padImage } from './pad.js';
import type { RawImage } from './raw-image.js';

const row: RawImage = { width: 3, height: 1, channels: 1, data: new Float32Array([1, 2, 3]) };

describe('pad', () => {
  it("follows numpy's modes: constant, edge, reflect, symmetric", () => {
    const get = (mode: 'constant' | 'edge' | 'reflect' | 'symmetric') =>
      Array.from(padImage(row, 2, 0, 2, 0, { mode, fill: 0.5 }).data);
    expect(get('constant')).toEqual([0.5, 0.5, 1, 2, 3, 0.5, 0.5]);
    expect(get('edge')).toEqual([1, 1, 1, 2, 3, 3, 3]);
    expect(get('reflect')).toEqual([3, 2, 1, 2, 3, 2, 1]);
    expect(get('symmetric')).toEqual([2, 1, 1, 2, 3, 3, 2]);
  });

  it('reads one, two or four values and refuses three', () => {
    expect(pad({ padding: [1, 2] }).apply(row, null).height).toBe(5);
    expect(pad({ padding: [1, 0, 2, 0] }).apply(row, null).width).toBe(6);
    expect(() => pad({ padding: [1, 2, 3] })).toThrow(/pad\.padding/);
    expect(() => pad({ padding: [1.5] })).toThrow(/pad\.padding/);
  });
});
