import { describe, expect, it } from 'vitest';
import { audioInputMaker, centreFit, logMelStatistics } from './audio-input.js';

const pre = {
  sampleRate: 8000,
  duration: 0.25,
  trim: true,
  logMel: { nFft: 256, hop: 80, nMels: 16, fMax: 3800 },
  maxSeconds: 1,
};

function tone(seconds: number, amplitude: number, lead = 0): Float32Array {
  const out = new Float32Array(Math.round((seconds + lead) * 8000));
  for (let n = Math.round(lead * 8000); n < out.length; n++)
    out[n] = amplitude * Math.sin((2 * Math.PI * 440 * n) / 8000);
  return out;
}

describe('audio input preparation', () => {
  it('centres a clip in the window, cutting or padding', () => {
    expect(Array.from(centreFit(Float32Array.from([1, 2, 3, 4, 5]), 3))).toEqual([2, 3, 4]);
    expect(Array.from(centreFit(Float32Array.from([1, 2]), 5))).toEqual([0, 1, 2, 0, 0]);
  });

  it('normalises with the training statistics, which it measures to mean 0 and std 1', () => {
    const clips = [0.1, 0.3, 0.9].map((a) => ({ sampleRate: 8000, channels: [tone(0.2, a)] }));
    const stats = logMelStatistics(clips, pre);
    const maker = audioInputMaker({ ...pre, ...stats });
    expect([maker.frames, maker.bins]).toEqual([26, 16]);
    const all = clips.flatMap((c) => Array.from(maker.prepare(c)));
    const mean = all.reduce((s, v) => s + v, 0) / all.length;
    const std = Math.sqrt(all.reduce((s, v) => s + (v - mean) ** 2, 0) / all.length);
    expect(mean).toBeCloseTo(0, 4);
    expect(std).toBeCloseTo(1, 4);
  });

  it('trims silence, as the training clips were, before taking the window', () => {
    const maker = audioInputMaker({ ...pre, mean: 0, std: 1 });
    const early = maker.prepare({ sampleRate: 8000, channels: [tone(0.2, 0.5, 0.1)] });
    const late = maker.prepare({ sampleRate: 8000, channels: [tone(0.2, 0.5, 0.4)] });
    expect(Array.from(late)).toEqual(Array.from(early));
    expect(() => maker.prepare({ sampleRate: 16000, channels: [tone(0.2, 0.5)] })).toThrow(
      expect.objectContaining({ code: 'AUDIO_INVALID_CLIP' }),
    );
  });
});
