import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { blur, blurKernelSize, fractionKernel, gaussianBlur } from './gaussian-blur.js';
import type { RawImage } from './raw-image.js';
import { syntheticScene } from './synthetic-scene.js';

function ramp(width: number, height: number, channels: 1 | 3 | 4): RawImage {
  const data = new Float32Array(width * height * channels);
  for (let i = 0; i < data.length; i++) data[i] = ((i * 13) % 31) / 30;
  return { width, height, channels, data };
}

describe('gaussianBlur', () => {
  it('keeps shape and range, draws sigma in range from the seed, and replays', () => {
    const t = gaussianBlur({ sigma: [0.5, 1.5] });
    const img = ramp(12, 9, 3);
    for (let i = 0; i < 20; i++) {
      const { output, record } = t.run(img, new Rng(i));
      expect(record.params.sigma).toBeGreaterThanOrEqual(0.5);
      expect(record.params.sigma).toBeLessThan(1.5);
      expect([output.width, output.height, output.channels]).toEqual([12, 9, 3]);
      expect(Math.min(...output.data)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...output.data)).toBeLessThanOrEqual(1 + 1e-6);
      expect(t.apply(img, record.params).data).toEqual(output.data);
      expect(t.run(img, new Rng(i)).record).toEqual(record);
    }
  });

  it('leaves a constant image constant, borders included', () => {
    const img: RawImage = {
      width: 7,
      height: 5,
      channels: 1,
      data: new Float32Array(35).fill(0.7),
    };
    for (const v of blur(img, 2, 0).data) expect(v).toBeCloseTo(0.7, 6);
    for (const v of blur(img, 1, 9).data) expect(v).toBeCloseTo(0.7, 6);
  });

  it('spreads an impulse into a symmetric Gaussian that keeps its mass', () => {
    const img: RawImage = { width: 11, height: 11, channels: 1, data: new Float32Array(121) };
    img.data[60] = 1;
    const out = blur(img, 1, 0).data;
    expect(out.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(out[59]).toBeCloseTo(out[61], 7);
    expect(out[49]).toBeCloseTo(out[59], 7);
    // Centre over first neighbour along one axis: exp(1/2) for sigma 1.
    expect(out[60] / out[61]).toBeCloseTo(Math.exp(0.5), 3);
  });

  it('derives an odd kernel of about 6 sigma + 1, capped by the image', () => {
    expect(blurKernelSize(1, 0, 100, 100)).toBe(7);
    expect(blurKernelSize(0.1, 0, 100, 100)).toBe(3);
    expect(blurKernelSize(2, 0, 100, 100)).toBe(13);
    expect(blurKernelSize(2, 0, 4, 100)).toBe(7);
    expect(blurKernelSize(1, 23, 100, 100)).toBe(23);
    expect(blurKernelSize(5, 0, 1, 1)).toBe(1);
    const one: RawImage = {
      width: 1,
      height: 1,
      channels: 3,
      data: new Float32Array([0.1, 0.2, 0.3]),
    };
    expect(blur(one, 3, 0).data).toEqual(one.data);
  });

  it('names the field of a bad option', () => {
    expect(() => gaussianBlur({ kernelSize: 4 })).toThrow(/gaussianBlur\.kernelSize/);
    expect(() => gaussianBlur({ sigma: [2, 1] })).toThrow(/gaussianBlur\.sigma/);
    expect(() => gaussianBlur({ sigma: [0, 1] })).toThrow(/gaussianBlur\.sigma/);
  });

  it("derives SimCLR's kernel from the image side and refuses it beside a fixed kernel", () => {
    expect(fractionKernel(0.1, 224, 224)).toBe(23);
    expect(fractionKernel(0.1, 300, 96)).toBe(9);
    expect(fractionKernel(0.1, 28, 28)).toBe(3);
    expect(fractionKernel(0.1, 5, 5)).toBe(1);
    const img = syntheticScene(40, 30, 3);
    const t = gaussianBlur({ sigma: [2, 2], kernelFraction: 0.1 });
    expect(t.apply(img, { sigma: 2 }).data).toEqual(blur(img, 2, 3).data);
    expect(() => gaussianBlur({ kernelSize: 5, kernelFraction: 0.1 })).toThrow(
      /gaussianBlur\.kernelFraction/,
    );
  });
});
