import { describe, expect, it } from 'vitest';
import { sine } from '../test-signals.js';
import { logMel, logMelExtractor } from './log-mel.js';
import { melFilterbank } from './mel.js';
import { dctBasis, mfcc } from './mfcc.js';

describe('logMel', () => {
  it('has 101 frames of 64 bands for 1 s at 16 kHz and peaks at the band of a tone', () => {
    const features = logMel(sine(1000, 1, 16000));
    expect(features.frames).toBe(101);
    expect(features.bins).toBe(64);
    const bank = melFilterbank({ sampleRate: 16000, nFft: 512, nMels: 64, fMin: 60, fMax: 7800 });
    let nearest = 0;
    for (let m = 0; m < 64; m++) {
      if (Math.abs(bank.centers[m] - 1000) < Math.abs(bank.centers[nearest] - 1000)) nearest = m;
    }
    const row = Array.from(features.data.subarray(50 * 64, 51 * 64));
    expect(row.indexOf(Math.max(...row))).toBe(nearest);
  });

  it('gives ln(eps) for silence', () => {
    const silent = logMel({ sampleRate: 16000, channels: [new Float32Array(1600)] });
    expect(silent.data.every((v) => Math.abs(v - Math.log(1.1920929e-7)) < 1e-4)).toBe(true);
  });

  it('checks its options when the extractor is made', () => {
    expect(() => logMelExtractor({ sampleRate: 16000, eps: 0 })).toThrow(/eps/);
    expect(() => logMelExtractor({ sampleRate: 16000, nFft: 300 })).toThrow(/nFft/);
  });
});

describe('mfcc', () => {
  it('is finite for silence, with all the energy in coefficient 0', () => {
    const silent = logMel({ sampleRate: 16000, channels: [new Float32Array(4000)] });
    const c = mfcc(silent);
    expect(c.bins).toBe(13);
    expect(c.frames).toBe(silent.frames);
    expect(c.data.every(Number.isFinite)).toBe(true);
    for (let t = 0; t < c.frames; t++) {
      expect(c.data[t * 13]).toBeCloseTo(Math.log(1.1920929e-7) * Math.sqrt(64), 2);
      for (let k = 1; k < 13; k++) expect(Math.abs(c.data[t * 13 + k])).toBeLessThan(1e-3);
    }
  });

  it('is an orthonormal transform: all coefficients keep the energy of a frame', () => {
    const features = logMel(sine(700, 0.2, 16000));
    const c = mfcc(features, { nCoeffs: 64 });
    const energy = (d: Float32Array) => d.subarray(5 * 64, 6 * 64).reduce((s, v) => s + v * v, 0);
    expect(energy(c.data) / energy(features.data)).toBeCloseTo(1, 4);
    expect(() => mfcc(features, { nCoeffs: 65 })).toThrow(/nCoeffs/);
  });

  it("exposes its basis: orthonormal rows, and a frame times them is the frame's MFCCs", () => {
    const basis = dctBasis(8, 5);
    expect(basis).toHaveLength(40);
    for (let a = 0; a < 5; a++) {
      for (let b = 0; b < 5; b++) {
        let dot = 0;
        for (let i = 0; i < 8; i++) dot += basis[a * 8 + i] * basis[b * 8 + i];
        expect(dot).toBeCloseTo(a === b ? 1 : 0, 6);
      }
    }
    const frame = Float32Array.from({ length: 8 }, (_, i) => Math.sin(i * 0.9) + 0.1 * i);
    const c = mfcc({ frames: 1, bins: 8, data: frame }, { nCoeffs: 5 });
    for (let k = 0; k < 5; k++) {
      const product = frame.reduce((s, v, i) => s + v * basis[k * 8 + i], 0);
      expect(c.data[k]).toBeCloseTo(product, 5);
    }
  });
});
