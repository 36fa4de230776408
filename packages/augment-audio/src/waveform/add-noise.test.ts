import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { meanSquare } from '../clip.js';
import { sine } from '../test-signals.js';
import { addNoise } from './add-noise.js';

/** The SNR of `noisy` against the clean `clean`, in dB, measured on the samples. */
function measuredSnr(clean: Float32Array, noisy: Float32Array): number {
  let signal = 0;
  let noise = 0;
  for (let i = 0; i < clean.length; i++) {
    signal += clean[i] * clean[i];
    noise += (noisy[i] - clean[i]) ** 2;
  }
  return 10 * Math.log10(signal / noise);
}

describe('addNoise', () => {
  for (const color of ['white', 'pink', 'brown'] as const) {
    it(`adds ${color} noise at the drawn SNR`, () => {
      const clip = sine(300, 0.5, 16000, 0.3);
      const t = addNoise({ color, snrDb: [0, 30] });
      for (const seed of [1, 2, 3]) {
        const { output, record } = t.run(clip, new Rng(seed));
        expect(record.params.color).toBe(color);
        expect(measuredSnr(clip.channels[0], output.channels[0])).toBeCloseTo(
          record.params.snrDb,
          2,
        );
      }
    });
  }

  it('draws every colour with color "any" and gives each channel its own noise', () => {
    const colors = new Set<string>();
    for (let s = 0; s < 30; s++)
      colors.add(addNoise().run(sine(300, 0.01, 8000), new Rng(s)).record.params.color);
    expect([...colors].sort()).toEqual(['brown', 'pink', 'white']);

    const stereo = {
      sampleRate: 8000,
      channels: [new Float32Array(100).fill(0.1), new Float32Array(100).fill(0.1)],
    };
    const out = addNoise({ color: 'white', snrDb: [0, 0] }).run(stereo, new Rng(4)).output;
    expect(out.channels[0]).not.toEqual(out.channels[1]);
  });

  it('leaves a silent clip silent', () => {
    const silent = { sampleRate: 8000, channels: [new Float32Array(50)] };
    expect(meanSquare(addNoise().run(silent, new Rng(0)).output)).toBe(0);
  });
});
