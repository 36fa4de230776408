import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { sine } from '../test-signals.js';
import { gain } from './gain.js';

describe('gain', () => {
  it('doubles the amplitude at +6.02 dB and leaves the input alone', () => {
    const clip = sine(100, 0.1, 8000);
    const before = clip.channels[0].slice();
    const out = gain().apply(clip, { db: 20 * Math.log10(2) });
    for (let i = 0; i < before.length; i++)
      expect(out.channels[0][i]).toBeCloseTo(2 * before[i], 6);
    expect(clip.channels[0]).toEqual(before);
  });

  it('scales by 10^(6/20) = 1.995 at +6 dB and by 1/2 near -6 dB', () => {
    const clip = { sampleRate: 8000, channels: [new Float32Array([0.25, -0.5])] };
    expect(gain().apply(clip, { db: 6 }).channels[0][1]).toBeCloseTo(-0.5 * 1.99526, 5);
    expect(gain().apply(clip, { db: -6.0206 }).channels[0][0]).toBeCloseTo(0.125, 5);
  });

  it('draws within its range and rejects a range outside [-60, 60]', () => {
    const t = gain({ db: [-3, 1] });
    for (let i = 0; i < 20; i++) {
      const { db } = t.run(sine(100, 0.01, 8000), new Rng(i)).record.params;
      expect(db).toBeGreaterThanOrEqual(-3);
      expect(db).toBeLessThan(1);
    }
    expect(() => gain({ db: [-100, 0] })).toThrow(/gain\.db/);
  });
});
