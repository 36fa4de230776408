import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { powerSpectrogram } from '../features/stft.js';
import { rms } from '../test-signals.js';
import { coloredNoise, type NoiseColor } from './colored-noise.js';

/** Least-squares slope of band power in dB against octaves, from 125 Hz to 4 kHz at 16 kHz. */
function slopeDbPerOctave(noise: Float32Array): number {
  const spec = powerSpectrogram(noise, { nFft: 1024, hop: 512, center: false });
  const mean = new Float64Array(spec.bins);
  for (let t = 0; t < spec.frames; t++) {
    for (let k = 0; k < spec.bins; k++) mean[k] += spec.data[t * spec.bins + k] / spec.frames;
  }
  const xs: number[] = [];
  const ys: number[] = [];
  for (let k = 8; k <= 256; k++) {
    xs.push(Math.log2(k));
    ys.push(10 * Math.log10(mean[k]));
  }
  const mx = xs.reduce((a, b) => a + b) / xs.length;
  const my = ys.reduce((a, b) => a + b) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return num / den;
}

describe('coloredNoise', () => {
  const cases: Array<[NoiseColor, number]> = [
    ['white', 0],
    ['pink', -3.01],
    ['brown', -6.02],
  ];
  for (const [color, slope] of cases) {
    it(`gives ${color} noise a slope of ${slope} dB per octave at unit RMS`, () => {
      const noise = coloredNoise(40000, color, new Rng(3));
      expect(noise.length).toBe(40000);
      expect(rms(noise)).toBeCloseTo(1, 4);
      expect(Math.abs(slopeDbPerOctave(noise) - slope)).toBeLessThan(0.6);
    });
  }

  it('is reproducible from the generator', () => {
    expect(coloredNoise(100, 'pink', new Rng(9))).toEqual(coloredNoise(100, 'pink', new Rng(9)));
    expect(coloredNoise(100, 'pink', new Rng(9))).not.toEqual(
      coloredNoise(100, 'pink', new Rng(10)),
    );
  });
});
