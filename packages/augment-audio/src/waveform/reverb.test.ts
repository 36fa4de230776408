import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { meanSquare } from '../clip.js';
import { syntheticRir } from '../dsp/synthetic-rir.js';
import { sine } from '../test-signals.js';
import { reverb } from './reverb.js';

describe('reverb', () => {
  it('keeps length and RMS level and changes the waveform', () => {
    const clip = sine(300, 0.5, 16000);
    const { output } = reverb().run(clip, new Rng(2));
    expect(output.channels[0].length).toBe(8000);
    expect(meanSquare(output)).toBeCloseTo(meanSquare(clip), 6);
    expect(output.channels[0]).not.toEqual(clip.channels[0]);
  });

  it('turns an impulse into the (rescaled) room impulse response', () => {
    const impulse = new Float32Array(4000);
    impulse[0] = 1;
    const params = { rt60: 0.2, drrDb: 3, seed: 11 };
    const out = reverb().apply({ sampleRate: 16000, channels: [impulse] }, params).channels[0];
    const rir = syntheticRir({ sampleRate: 16000, ...params });
    const scale = out[0] / rir[0];
    for (const i of [1, 10, 100, 3000]) expect(out[i]).toBeCloseTo(rir[i] * scale, 5);
  });
});
