import { describe, expect, it } from 'vitest';
import { hzToMel, melFilterbank, melToHz } from './mel.js';

describe('mel scales', () => {
  it('map 1 kHz to about 1000 mel (HTK) and to 15 (Slaney), and invert', () => {
    expect(hzToMel(1000, 'htk')).toBeCloseTo(1000, 0);
    expect(hzToMel(1000, 'slaney')).toBeCloseTo(15, 10);
    expect(hzToMel(500, 'slaney')).toBeCloseTo(7.5, 10);
    for (const scale of ['htk', 'slaney'] as const) {
      for (const hz of [0, 300, 1000, 4321, 8000])
        expect(melToHz(hzToMel(hz, scale), scale)).toBeCloseTo(hz, 6);
    }
  });
});

describe('melFilterbank', () => {
  const bank = melFilterbank({ sampleRate: 16000, nFft: 512, nMels: 40, fMin: 60, fMax: 7800 });

  it('has nMels triangular rows over nFft / 2 + 1 bins, with rising centres', () => {
    expect(bank.nMels).toBe(40);
    expect(bank.bins).toBe(257);
    expect(bank.weights.length).toBe(40 * 257);
    for (let m = 0; m < bank.nMels; m++) {
      const row = Array.from(bank.weights.subarray(m * bank.bins, (m + 1) * bank.bins));
      expect(row.every((w) => w >= 0 && w <= 1)).toBe(true);
      // Unimodal: rises to one peak, then falls.
      const peak = row.indexOf(Math.max(...row));
      for (let k = 1; k <= peak; k++) expect(row[k]).toBeGreaterThanOrEqual(row[k - 1]);
      for (let k = peak + 1; k < row.length; k++) expect(row[k]).toBeLessThanOrEqual(row[k - 1]);
      expect(Math.abs((peak * 16000) / 512 - bank.centers[m])).toBeLessThanOrEqual(16000 / 512);
      expect(bank.starts[m]).toBeLessThan(bank.ends[m]);
      if (m > 0) expect(bank.centers[m]).toBeGreaterThan(bank.centers[m - 1]);
    }
  });

  it('sums to one between the first and last centre (unnormalised)', () => {
    const from = Math.ceil(bank.centers[0] / (16000 / 512));
    const to = Math.floor(bank.centers[39] / (16000 / 512));
    for (let k = from; k <= to; k++) {
      let sum = 0;
      for (let m = 0; m < 40; m++) sum += bank.weights[m * bank.bins + k];
      expect(sum).toBeCloseTo(1, 5);
    }
  });

  it('gives Slaney-normalised filters unit area in Hz', () => {
    const slaney = melFilterbank({
      sampleRate: 16000,
      nFft: 2048,
      nMels: 20,
      scale: 'slaney',
      norm: 'slaney',
    });
    const df = 16000 / 2048;
    for (let m = 2; m < 20; m++) {
      let area = 0;
      for (let k = 0; k < slaney.bins; k++) area += slaney.weights[m * slaney.bins + k] * df;
      expect(area).toBeCloseTo(1, 1);
    }
  });

  it('rejects a band beyond Nyquist', () => {
    expect(() => melFilterbank({ sampleRate: 8000, nFft: 256, fMax: 7800 })).toThrow(
      /fMax <= 4000/,
    );
  });
});
