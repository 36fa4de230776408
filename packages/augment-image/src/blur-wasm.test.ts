import { describe, expect, it } from 'vitest';
import { blurWasm } from './blur-wasm.js';
import { blurPasses } from './gaussian-blur.js';
import { syntheticScene } from './synthetic-scene.js';

function kernel(sigma: number, r: number): Float64Array {
  const k = Float64Array.from({ length: 2 * r + 1 }, (_, i) =>
    Math.exp(-0.5 * ((i - r) / sigma) ** 2),
  );
  const sum = k.reduce((a, b) => a + b, 0);
  return k.map((v) => v / sum);
}

function reflect(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  let m = i % period;
  if (m < 0) m += period;
  return m < n ? m : period - m;
}

describe('blurWasm', () => {
  it('agrees with the JavaScript passes to float32 rounding, odd sizes and borders included', () => {
    const cases: Array<[number, number, 1 | 3 | 4, number, number]> = [
      [37, 23, 3, 2, 11],
      [5, 30, 1, 1.2, 4],
      [16, 9, 4, 0.6, 2],
      [7, 7, 3, 3, 6],
      [224, 3, 1, 0.8, 1],
      [224, 224, 3, 2, 11],
    ];
    for (const [w, h, c, sigma, r] of cases) {
      const img = syntheticScene(w, h, c);
      const js = new Float32Array(img.data.length);
      blurPasses(img.data, js, w, h, c, kernel(sigma, r), r);
      const simd = new Float32Array(img.data.length).fill(Number.NaN);
      const ran = blurWasm(img.data, simd, w, h, c, kernel(sigma, r), r, reflect);
      // Node 20 always has WebAssembly SIMD; the module must load, not fall back silently.
      expect(ran).toBe(true);
      for (let i = 0; i < js.length; i++)
        expect(Math.abs(simd[i] - js[i]), `${w}x${h}x${c} at ${i}`).toBeLessThan(2e-6);
    }
  });
});
