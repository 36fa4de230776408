import { Rng, type Transform } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import type { AudioClip } from '../clip.js';
import { gainDb, sine } from '../test-signals.js';
import { bandPass } from './band-pass.js';
import { highPass } from './high-pass.js';
import { lowPass } from './low-pass.js';

const SR = 16000;
/** The gain in dB a filter with parameters `p` gives a sine of `f` Hz. */
function through<P>(t: Transform<AudioClip, P>, f: number, p: P): number {
  const clip = sine(f, 0.5, SR);
  return gainDb(clip.channels[0], t.apply(clip, p).channels[0]);
}

describe('biquad filter transforms', () => {
  it('lowPass passes a sine below the cutoff and attenuates one far above', () => {
    const p = { cutoffHz: 1000, q: Math.SQRT1_2 };
    expect(through(lowPass(), 200, p)).toBeGreaterThan(-0.5);
    expect(through(lowPass(), 6000, p)).toBeLessThan(-30);
  });

  it('highPass passes a sine above the cutoff and attenuates one far below', () => {
    const p = { cutoffHz: 1000, q: Math.SQRT1_2 };
    expect(through(highPass(), 5000, p)).toBeGreaterThan(-0.5);
    expect(through(highPass(), 100, p)).toBeLessThan(-35);
  });

  it('bandPass passes its centre and attenuates both sides', () => {
    const p = { centerHz: 1000, q: 2 };
    expect(through(bandPass(), 1000, p)).toBeGreaterThan(-0.5);
    expect(through(bandPass(), 100, p)).toBeLessThan(-20);
    expect(through(bandPass(), 7000, p)).toBeLessThan(-20);
  });

  it('draws cutoffs in range and lowers those above 0.45 of the sample rate', () => {
    const t = lowPass({ cutoffHz: [6000, 7000] });
    const clip = sine(200, 0.2, 8000);
    const { output, record } = t.run(clip, new Rng(3));
    expect(record.params.cutoffHz).toBeGreaterThanOrEqual(6000);
    expect(output.channels[0].every(Number.isFinite)).toBe(true);
    expect(() => lowPass({ cutoffHz: [5, 100] })).toThrow(/lowPass\.cutoffHz/);
  });
});
