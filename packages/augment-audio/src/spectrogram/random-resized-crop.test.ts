import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import type { LogMel } from '../features/log-mel.js';
import { randomResizedCrop } from './random-resized-crop.js';

function smooth(frames = 40, bins = 16): LogMel {
  const data = new Float32Array(frames * bins);
  for (let t = 0; t < frames; t++)
    for (let b = 0; b < bins; b++) data[t * bins + b] = Math.sin(t / 5) + b / 4;
  return { frames, bins, data };
}

describe('randomResizedCrop', () => {
  it('returns the input when the crop is the input itself', () => {
    const spec = smooth();
    // Canvas 16 x 60 frames; the input sits at frames 10..49.
    const out = randomResizedCrop().apply(spec, {
      freqStart: 0,
      freqLength: 16,
      timeStart: 10,
      timeLength: 40,
    });
    for (let i = 0; i < spec.data.length; i++) expect(out.data[i]).toBeCloseTo(spec.data[i], 5);
  });

  it('stretches a half-length crop over the whole time axis', () => {
    const spec = smooth();
    const out = randomResizedCrop().apply(spec, {
      freqStart: 0,
      freqLength: 16,
      timeStart: 10,
      timeLength: 20,
    });
    // Canvas frames 10..29 are input frames 0..19: output frame 0 is input frame 0, frame 39 is
    // input frame 19 (align corners), and frame 2 samples input position 2 * 19 / 39 = 0.97.
    expect(out.data[0]).toBeCloseTo(spec.data[0], 5);
    expect(out.data[39 * 16 + 3]).toBeCloseTo(spec.data[19 * 16 + 3], 5);
    const third = out.data[2 * 16 + 5];
    const [a, b] = [spec.data[5], spec.data[16 + 5]];
    expect(Math.abs(third - (a + (b - a) * (38 / 39)))).toBeLessThan(0.02);
  });

  it('fills the canvas around the input with the mean', () => {
    const spec = smooth();
    const mean = spec.data.reduce((a, b) => a + b) / spec.data.length;
    const out = randomResizedCrop().apply(spec, {
      freqStart: 0,
      freqLength: 16,
      timeStart: 0,
      timeLength: 5,
    });
    expect(out.data.every((v) => Math.abs(v - mean) < 1e-4)).toBe(true);
  });

  it('keeps the shape and draws crops inside the canvas at the stated scales', () => {
    const t = randomResizedCrop();
    for (let s = 0; s < 30; s++) {
      const { output, record } = t.run(smooth(), new Rng(s));
      expect([output.frames, output.bins]).toEqual([40, 16]);
      const p = record.params;
      expect(p.freqLength).toBeGreaterThanOrEqual(Math.floor(0.6 * 16));
      expect(p.freqStart + p.freqLength).toBeLessThanOrEqual(16);
      expect(p.timeLength).toBeGreaterThanOrEqual(Math.floor(0.6 * 40));
      expect(p.timeStart + p.timeLength).toBeLessThanOrEqual(60);
    }
  });
});
