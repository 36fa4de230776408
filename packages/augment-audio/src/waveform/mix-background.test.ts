import { type ManyViewsError, Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { sine, zeroCrossingFrequency } from '../test-signals.js';
import { mixBackground } from './mix-background.js';

describe('mixBackground', () => {
  it('mixes a background excerpt at the drawn SNR', () => {
    const clip = sine(300, 0.5, 16000, 0.3);
    const hum = sine(50, 2, 16000, 0.05);
    const t = mixBackground({ backgrounds: [hum], snrDb: [0, 20] });
    for (const seed of [1, 2]) {
      const { output, record } = t.run(clip, new Rng(seed));
      let s = 0;
      let n = 0;
      for (let i = 0; i < clip.channels[0].length; i++) {
        s += clip.channels[0][i] ** 2;
        n += (output.channels[0][i] - clip.channels[0][i]) ** 2;
      }
      expect(10 * Math.log10(s / n)).toBeCloseTo(record.params.snrDb, 3);
    }
  });

  it('resamples a background of another rate and loops a short one', () => {
    const silent = { sampleRate: 16000, channels: [new Float32Array(16000)] };
    const quiet = { sampleRate: 16000, channels: [new Float32Array(16000).fill(1e-3)] };
    const tone = sine(1000, 0.1, 44100);
    const t = mixBackground({ backgrounds: [tone], snrDb: [0, 0] });
    const out = t.apply(quiet, { index: 0, offset: 100, snrDb: 0 });
    // A 0.1 s background looped over 1 s: still a 1 kHz tone at the clip's rate.
    expect(zeroCrossingFrequency(out.channels[0], 16000)).toBeCloseTo(1000, -1);
    expect(t.apply(silent, { index: 0, offset: 0, snrDb: 0 }).channels[0]).toEqual(
      silent.channels[0],
    );
  });

  it('needs at least one non-silent background', () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as ManyViewsError).code;
      }
    };
    expect(code(() => mixBackground({ backgrounds: [] }))).toBe('AUDIO_NO_BACKGROUNDS');
    const silent = { sampleRate: 8000, channels: [new Float32Array(10)] };
    expect(code(() => mixBackground({ backgrounds: [silent] }))).toBe('AUDIO_NO_BACKGROUNDS');
  });
});
