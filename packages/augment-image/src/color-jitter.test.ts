import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { applyJitter, colorJitter } from './color-jitter.js';
import type { RawImage } from './raw-image.js';

function ramp(width: number, height: number, channels: 1 | 3 | 4): RawImage {
  const data = new Float32Array(width * height * channels);
  for (let i = 0; i < data.length; i++) data[i] = ((i * 37) % 101) / 100;
  return { width, height, channels, data };
}

describe('colorJitter', () => {
  it('draws factors in the torchvision ranges, in a recorded random order, and replays', () => {
    const t = colorJitter({ brightness: 0.4, contrast: 0.4, saturation: 0.5, hue: 0.1 });
    const img = ramp(6, 5, 3);
    const orders = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const { output, record } = t.run(img, new Rng(i));
      const p = record.params;
      orders.add(p.order.join(','));
      expect([...p.order].sort()).toEqual(['brightness', 'contrast', 'hue', 'saturation']);
      expect(p.brightness).toBeGreaterThanOrEqual(0.6);
      expect(p.brightness).toBeLessThan(1.4);
      expect(p.saturation).toBeGreaterThanOrEqual(0.5);
      expect(Math.abs(p.hue ?? 1)).toBeLessThanOrEqual(0.1);
      expect(Math.min(...output.data)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...output.data)).toBeLessThanOrEqual(1);
      expect(t.apply(img, p).data).toEqual(output.data);
      expect(t.run(img, new Rng(i)).record).toEqual(record);
    }
    expect(orders.size).toBeGreaterThan(12);
  });

  it('leaves an image unchanged at factor 1 and hue 0', () => {
    const img = ramp(4, 4, 3);
    const out = applyJitter(img, {
      order: ['brightness', 'contrast', 'saturation', 'hue'],
      brightness: 1,
      contrast: 1,
      saturation: 1,
      hue: 0,
    });
    expect(out).not.toBe(img);
    for (let i = 0; i < img.data.length; i++) expect(out.data[i]).toBeCloseTo(img.data[i], 6);
    expect(applyJitter(img, { order: ['brightness'], brightness: 1 }).data).toEqual(img.data);
  });

  it('scales by the brightness factor and clamps', () => {
    const img: RawImage = { width: 2, height: 1, channels: 1, data: new Float32Array([0.2, 0.8]) };
    const out = applyJitter(img, { order: ['brightness'], brightness: 1.5 });
    expect(out.data[0]).toBeCloseTo(0.3, 6);
    expect(out.data[1]).toBe(1);
  });

  it('gives the mean luma everywhere at contrast 0', () => {
    const gray = ramp(5, 3, 1);
    const mean = gray.data.reduce((a, b) => a + b, 0) / gray.data.length;
    for (const v of applyJitter(gray, { order: ['contrast'], contrast: 0 }).data) {
      expect(v).toBeCloseTo(mean, 5);
    }
    const rgb: RawImage = {
      width: 2,
      height: 1,
      channels: 3,
      data: new Float32Array([1, 0, 0, 0, 0, 1]),
    };
    const m = (0.2989 + 0.114) / 2;
    for (const v of applyJitter(rgb, { order: ['contrast'], contrast: 0 }).data) {
      expect(v).toBeCloseTo(m, 5);
    }
  });

  it('turns colour to luma at saturation 0 and rotates pure red by a third turn to green', () => {
    const red: RawImage = { width: 1, height: 1, channels: 3, data: new Float32Array([1, 0, 0]) };
    const grayed = applyJitter(red, { order: ['saturation'], saturation: 0 }).data;
    for (const v of grayed) expect(v).toBeCloseTo(0.2989, 5);
    const green = applyJitter(red, { order: ['hue'], hue: 1 / 3 }).data;
    expect(Array.from(green).map((v) => Math.round(v * 1000) / 1000)).toEqual([0, 1, 0]);
  });

  it('keeps alpha, and skips saturation and hue on gray images', () => {
    const rgba: RawImage = {
      width: 1,
      height: 1,
      channels: 4,
      data: new Float32Array([0.5, 0.5, 0.5, 0.3]),
    };
    expect(applyJitter(rgba, { order: ['brightness'], brightness: 2 }).data[3]).toBeCloseTo(0.3, 6);
    const t = colorJitter({ brightness: 0, contrast: 0.2, saturation: 0.5, hue: 0.2 });
    expect(t.run(ramp(3, 3, 1), new Rng(1)).record.params.order).toEqual(['contrast']);
  });

  it('names the field of a bad option and rejects a record without factors', () => {
    expect(() => colorJitter({ hue: 0.7 })).toThrow(/colorJitter\.hue/);
    expect(() => colorJitter({ brightness: -1 })).toThrow(/colorJitter\.brightness/);
    expect(() => applyJitter(ramp(2, 2, 1), { order: ['brightness'] })).toThrow(
      /INVALID_RECORD|replayed/,
    );
  });

  it("matches torchvision's _rgb2hsv / _hsv2rgb hue shift pixel by pixel", () => {
    const n = 2000;
    const data = Float32Array.from({ length: n * 3 }, (_, i) => ((i * 7919) % 1000) / 999);
    const img: RawImage = { width: n, height: 1, channels: 3, data };
    for (const shift of [-0.5, -0.23, 0.07, 0.31, 0.5]) {
      const out = applyJitter(img, { order: ['hue'], hue: shift }).data;
      for (let p = 0; p < n; p++) {
        const want = torchvisionHue(data[3 * p], data[3 * p + 1], data[3 * p + 2], shift);
        for (let k = 0; k < 3; k++) expect(out[3 * p + k]).toBeCloseTo(want[k], 5);
      }
    }
  });

  it('fuses any order into the same result as one step at a time', () => {
    const img = ramp(9, 7, 4);
    const factors = { brightness: 1.3, contrast: 0.6, saturation: 1.7, hue: -0.2 };
    const order = ['saturation', 'contrast', 'hue', 'brightness'] as const;
    let stepwise = img;
    for (const op of order) stepwise = applyJitter(stepwise, { order: [op], [op]: factors[op] });
    const fused = applyJitter(img, { order: [...order], ...factors }).data;
    for (let i = 0; i < fused.length; i++) expect(fused[i]).toBeCloseTo(stepwise.data[i], 5);
  });
});

/** torchvision.transforms.functional_tensor's _rgb2hsv, hue shift, _hsv2rgb, for one pixel. */
function torchvisionHue(r: number, g: number, b: number, shift: number): number[] {
  const maxc = Math.max(r, g, b);
  const minc = Math.min(r, g, b);
  const cr = maxc - minc;
  const s = cr / (maxc === 0 ? 1 : maxc);
  const crDiv = cr === 0 ? 1 : cr;
  const rc = (maxc - r) / crDiv;
  const gc = (maxc - g) / crDiv;
  const bc = (maxc - b) / crDiv;
  const hr = maxc === r ? bc - gc : 0;
  const hg = maxc === g && maxc !== r ? 2 + rc - bc : 0;
  const hb = maxc !== g && maxc !== r ? 4 + gc - rc : 0;
  let h = ((((hr + hg + hb) / 6 + 1) % 1) + shift + 1) % 1;
  h = h * 6;
  const i = Math.floor(h) % 6;
  const f = h - Math.floor(h);
  const v = maxc;
  const p = Math.min(Math.max(v * (1 - s), 0), 1);
  const q = Math.min(Math.max(v * (1 - s * f), 0), 1);
  const t = Math.min(Math.max(v * (1 - s * (1 - f)), 0), 1);
  return [
    [v, t, p],
    [q, v, p],
    [p, v, t],
    [p, q, v],
    [t, p, v],
    [v, p, q],
  ][i];
}
