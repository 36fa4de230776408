import { describe, expect, it } from 'vitest';
import { sine, zeroCrossingFrequency } from '../test-signals.js';
import { pitchShift } from './pitch-shift.js';

describe('pitchShift', () => {
  it('moves the pitch and keeps the length', () => {
    const clip = sine(400, 0.5, 16000);
    for (const semitones of [-3, 2]) {
      const out = pitchShift().apply(clip, { semitones });
      expect(out.channels[0].length).toBe(8000);
      const ratio = zeroCrossingFrequency(out.channels[0], 16000) / 400;
      expect(ratio).toBeCloseTo(2 ** (semitones / 12), 2);
    }
  });

  it('rejects a range beyond two octaves', () => {
    expect(() => pitchShift({ semitones: [-30, 0] })).toThrow(/pitchShift\.semitones/);
  });
});
