import { describe, expect, it } from 'vitest';
import { trimSilence } from './trim-silence.js';

describe('trimSilence', () => {
  it('keeps the loud part plus the margin', () => {
    const samples = new Float32Array(1000);
    samples.fill(0.5, 300, 600);
    samples[100] = 0.001; // 54 dB below the peak: silence at -40 dB
    const out = trimSilence({ sampleRate: 1000, channels: [samples] }, { marginSeconds: 0.01 });
    expect(out.channels[0].length).toBe(320);
    expect(out.channels[0][10]).toBe(0.5);
    expect(out.channels[0][9]).toBe(0);
  });

  it('uses the widest extent over the channels and leaves silence alone', () => {
    const a = new Float32Array(100);
    const b = new Float32Array(100);
    a[20] = 1;
    b[70] = 1;
    expect(
      trimSilence({ sampleRate: 1000, channels: [a, b] }, { marginSeconds: 0 }).channels[1].length,
    ).toBe(51);
    expect(
      trimSilence({ sampleRate: 1000, channels: [new Float32Array(5)] }).channels[0].length,
    ).toBe(5);
    expect(() => trimSilence({ sampleRate: 1000, channels: [a] }, { thresholdDb: 3 })).toThrow(
      /thresholdDb/,
    );
  });
});
