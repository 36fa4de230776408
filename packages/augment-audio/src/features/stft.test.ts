import { describe, expect, it } from 'vitest';
import { sine } from '../test-signals.js';
import {
  frameCount,
  hannWindow,
  istft,
  powerSpectrogram,
  resolveStftOptions,
  stft,
} from './stft.js';

describe('stft', () => {
  it('peaks at the bin of a sine', () => {
    // 1000 Hz at 16 kHz with nFft 512 is bin 1000 / (16000 / 512) = 32.
    const spec = powerSpectrogram(sine(1000, 0.5, 16000).channels[0], { nFft: 512, hop: 160 });
    expect(spec.bins).toBe(257);
    expect(spec.frames).toBe(1 + Math.floor(8000 / 160));
    for (const t of [10, 25, 40]) {
      const row = spec.data.subarray(t * spec.bins, (t + 1) * spec.bins);
      let best = 0;
      for (let k = 1; k < row.length; k++) if (row[k] > row[best]) best = k;
      expect(best).toBe(32);
    }
  });

  it('inverts with istft', () => {
    const x = sine(330, 0.2, 8000).channels[0];
    for (let i = 0; i < x.length; i++) x[i] += 0.1 * Math.sin(i * i * 1e-3);
    const options = { nFft: 256, hop: 64, winLength: 200 };
    const back = istft(stft(x, options), options, x.length);
    let err = 0;
    for (let i = 0; i < x.length; i++) err = Math.max(err, Math.abs(back[i] - x[i]));
    expect(err).toBeLessThan(1e-5);
  });

  it('counts frames, builds a periodic Hann window and checks options', () => {
    expect(frameCount(1000, resolveStftOptions({ nFft: 256, hop: 100, center: false }))).toBe(8);
    expect(frameCount(100, resolveStftOptions({ nFft: 256, center: false }))).toBe(0);
    const w = hannWindow(4, 8);
    [0, 0, 0, 0.5, 1, 0.5, 0, 0].forEach((v, i) => {
      expect(w[i]).toBeCloseTo(v, 12);
    });
    expect(() => stft(new Float32Array(10), { nFft: 500 })).toThrow(/nFft/);
    expect(() => stft(new Float32Array(10), { hop: 0 })).toThrow(/hop/);
  });
});
