import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { peakAmplitude } from '../clip.js';
import { sine } from '../test-signals.js';
import { clipping } from './clipping.js';

describe('clipping', () => {
  it('limits the loudest percentile of samples to a common threshold', () => {
    const clip = {
      sampleRate: 100,
      channels: [Float32Array.from({ length: 100 }, (_, i) => (i - 50) / 50)],
    };
    const out = clipping().apply(clip, { percentile: 20 }).channels[0];
    const peak = Math.max(...Array.from(out, Math.abs));
    const atPeak = Array.from(out).filter((v) => Math.abs(v) === peak).length;
    expect(atPeak).toBeGreaterThanOrEqual(19);
    expect(atPeak).toBeLessThanOrEqual(22);
    expect(peak).toBeCloseTo(0.8, 1);
  });

  it('leaves the clip as it is at 0 percent', () => {
    const clip = sine(100, 0.1, 8000);
    expect(clipping().apply(clip, { percentile: 0 }).channels[0]).toEqual(clip.channels[0]);
    const drawn = clipping({ percentile: [5, 10] }).run(clip, new Rng(0));
    expect(peakAmplitude(drawn.output)).toBeLessThan(peakAmplitude(clip));
  });
});
