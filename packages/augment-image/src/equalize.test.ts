import { describe, expect, it } from 'vitest';
import { equalizeImage } from './equalize.js';
import type { RawImage } from './raw-image.js';

describe('equalize', () => {
  it("follows PIL's lookup table: 4 equal levels spread over 0..255", () => {
    // 4 levels, 25 pixels each: step = floor((100 - 25) / 255) = 0, so PIL keeps it unchanged.
    const few = Float32Array.from({ length: 100 }, (_, i) => [10, 20, 30, 40][i % 4] / 255);
    const same = equalizeImage({ width: 100, height: 1, channels: 1, data: few }).data;
    expect(Array.from(same)).toEqual(Array.from(few));

    // 1020 pixels on 4 levels: step = floor((1020 - 255) / 255) = 3; lut[v] = (cum[v-1] + 1) / 3.
    const many = Float32Array.from({ length: 1020 }, (_, i) => [10, 20, 30, 40][i % 4] / 255);
    const out = equalizeImage({ width: 1020, height: 1, channels: 1, data: many }).data;
    const got = Array.from(out.slice(0, 4), (v) => Math.round(v * 255));
    expect(got).toEqual([0, Math.floor((255 + 1) / 3), Math.floor((510 + 1) / 3), 255]);
  });

  it('equalizes colour channels independently and keeps alpha', () => {
    const n = 600;
    const data = new Float32Array(n * 4);
    for (let p = 0; p < n; p++) data.set([(p % 3) / 10, (p % 5) / 5, 0.5, 0.25], p * 4);
    const img: RawImage = { width: n, height: 1, channels: 4, data };
    const out = equalizeImage(img).data;
    expect(out[3]).toBe(0.25);
    expect(Math.max(...out.filter((_, i) => i % 4 === 1))).toBe(1);
    // A single level has step 0 and stays.
    expect(out[2]).toBe(0.5);
  });
});
