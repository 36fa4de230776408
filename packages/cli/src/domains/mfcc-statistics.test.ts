import type { AudioClip } from '@manyviews/augment-audio';
import { describe, expect, it } from 'vitest';
import { mfccMoments, mfccStatistics } from './mfcc-statistics.js';

function tone(hz: number, amplitude: number, seconds = 0.5): AudioClip {
  const samples = new Float32Array(Math.round(16000 * seconds));
  for (let n = 0; n < samples.length; n++)
    samples[n] = amplitude * Math.sin((2 * Math.PI * hz * n) / 16000);
  return { sampleRate: 16000, channels: [samples] };
}

/** Seeded white noise: power in every band far above the log's floor. */
function noise(amplitude: number, seconds = 0.5): AudioClip {
  const samples = new Float32Array(Math.round(16000 * seconds));
  let state = 12345;
  for (let n = 0; n < samples.length; n++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    samples[n] = amplitude * (state / 2 ** 31 - 1);
  }
  return { sampleRate: 16000, channels: [samples] };
}

describe('MFCC statistics baseline', () => {
  it('moves only c0 when the level changes, by the orthonormal DCT of ln 4 in every band', () => {
    const quiet = mfccMoments(noise(0.1));
    const loud = mfccMoments(noise(0.2));
    expect(quiet).toHaveLength(26);
    // Twice the amplitude is four times the power: +ln 4 in each of 64 bands, times sqrt(1/64).
    expect(loud[0] - quiet[0]).toBeCloseTo((64 * Math.log(4)) / 8, 2);
    // The other means, and every deviation over time, do not move with the level.
    for (let k = 1; k < 26; k++) expect(loud[k]).toBeCloseTo(quiet[k], 2);
    expect(quiet[13]).toBeGreaterThan(0);
  });

  it('gives unit rows, closer for the same pitch than for another', () => {
    const clips = [tone(300, 0.1), tone(300, 0.3), tone(2500, 0.2), tone(1200, 0.1)];
    const { dim, data } = mfccStatistics(clips);
    expect(dim).toBe(26);
    const row = (i: number) => data.subarray(i * dim, (i + 1) * dim);
    const cos = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + v * b[i], 0);
    for (let i = 0; i < 4; i++) expect(Math.hypot(...row(i))).toBeCloseTo(1, 5);
    expect(cos(row(0), row(1))).toBeGreaterThan(cos(row(0), row(2)));
  });
});
