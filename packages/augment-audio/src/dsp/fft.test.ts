import { describe, expect, it } from 'vitest';
import { fftConvolve, nextPowerOfTwo, RealFft } from './fft.js';

describe('RealFft', () => {
  it('matches a direct DFT and inverts back to the signal', () => {
    const n = 16;
    const x = Array.from(
      { length: n },
      (_, i) => Math.sin(i * 0.7) + 0.3 * Math.cos(i * 2.1) + i / n,
    );
    const fft = new RealFft(n);
    const re = new Float64Array(fft.bins);
    const im = new Float64Array(fft.bins);
    fft.forward(x, re, im);
    for (let k = 0; k < fft.bins; k++) {
      let dr = 0;
      let di = 0;
      for (let t = 0; t < n; t++) {
        dr += x[t] * Math.cos((2 * Math.PI * k * t) / n);
        di -= x[t] * Math.sin((2 * Math.PI * k * t) / n);
      }
      expect(re[k]).toBeCloseTo(dr, 9);
      expect(im[k]).toBeCloseTo(di, 9);
    }
    const back = new Float64Array(n);
    fft.inverse(re, im, back);
    for (let t = 0; t < n; t++) expect(back[t]).toBeCloseTo(x[t], 9);
  });

  it('rejects sizes that are not powers of two', () => {
    expect(() => new RealFft(12)).toThrow(/power of two/);
    expect(nextPowerOfTwo(1000)).toBe(1024);
  });
});

describe('fftConvolve', () => {
  it('equals direct convolution', () => {
    const a = Float32Array.from({ length: 37 }, (_, i) => Math.sin(i));
    const b = Float32Array.from({ length: 9 }, (_, i) => 1 / (i + 1));
    const y = fftConvolve(a, b);
    expect(y.length).toBe(45);
    for (let n = 0; n < y.length; n++) {
      let d = 0;
      for (let k = 0; k < b.length; k++) if (n - k >= 0 && n - k < a.length) d += b[k] * a[n - k];
      expect(y[n]).toBeCloseTo(d, 4);
    }
    expect(fftConvolve(a, b, 37).length).toBe(37);
  });
});
