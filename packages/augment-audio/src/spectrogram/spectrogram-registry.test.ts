import { buildRecipe, type ManyViewsError, Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import { logMel } from '../features/log-mel.js';
import { sine } from '../test-signals.js';
import { spectrogramRegistry } from './spectrogram-registry.js';

describe('spectrogramRegistry', () => {
  const features = logMel(sine(500, 0.5, 16000));

  it('builds a BYOL-A style recipe whose records replay exactly', () => {
    expect(spectrogramRegistry.names()).toEqual([
      'frequencyMasking',
      'randomResizedCrop',
      'timeMasking',
    ]);
    const { transform } = buildRecipe(
      {
        version: 1,
        domain: 'audio-spectrogram',
        pipeline: [
          { type: 'randomResizedCrop' },
          { type: 'timeMasking' },
          { type: 'frequencyMasking' },
        ],
      },
      spectrogramRegistry,
    );
    for (const seed of [1, 2, 3]) {
      const { output, record } = transform.run(features, new Rng(seed));
      expect([output.frames, output.bins]).toEqual([features.frames, features.bins]);
      expect(transform.apply(features, JSON.parse(JSON.stringify(record)).params)).toEqual(output);
    }
  });

  it('names the field of a bad option', () => {
    try {
      buildRecipe(
        {
          version: 1,
          domain: 'audio-spectrogram',
          pipeline: [{ type: 'timeMasking', maxFraction: 2 }],
        },
        spectrogramRegistry,
      );
      expect.unreachable();
    } catch (e) {
      expect((e as ManyViewsError).code).toBe('RECIPE_INVALID_PARAM');
      expect((e as Error).message).toMatch(/pipeline\[0\]\.maxFraction/);
    }
  });
});
