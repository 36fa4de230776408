import { Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { polarityInversion } from './polarity-inversion.js';

describe('polarityInversion', () => {
  it('negates every sample of every channel', () => {
    const clip = {
      sampleRate: 8000,
      channels: [new Float32Array([0.5, -0.25]), new Float32Array([1, 0])],
    };
    const out = polarityInversion().run(clip, new Rng(1)).output;
    expect(Array.from(out.channels[0])).toEqual([-0.5, 0.25]);
    expect(Array.from(out.channels[1])).toEqual([-1, -0]);
  });

  it('takes no options', () => {
    expect(() => polarityInversion({ p: 0.5 } as never)).toThrow(
      /polarityInversion\.p is not an option/,
    );
  });
});
