import { describe, expect, it } from 'vitest';
import { sine, zeroCrossingFrequency } from '../test-signals.js';
import { speedChange } from './speed-change.js';

describe('speedChange', () => {
  it('changes length and pitch together by the factor', () => {
    const clip = sine(400, 0.5, 16000);
    const out = speedChange().apply(clip, { factor: 1.1 });
    expect(out.channels[0].length).toBe(Math.round(8000 / 1.1));
    expect(zeroCrossingFrequency(out.channels[0], 16000)).toBeCloseTo(440, 0);
  });
});
