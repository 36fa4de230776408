import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AudioClip } from '@manyviews/augment-audio';
import type { Recipe } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import type { AudioPreprocess } from './audio-input.js';
import { splitAudioRecipe } from './audio-view-maker.js';
import { AudioViewPool } from './audio-view-pool.js';

const rate = 8000;

/** Tones of four pitches, 0.3 to 0.6 s long: clip `i` has class `i % 4`. */
function tones(count: number): AudioClip[] {
  return Array.from({ length: count }, (_, i) => {
    const samples = new Float32Array(Math.round(rate * (0.3 + (i % 7) * 0.05)));
    const hz = 200 * (1 + (i % 4));
    for (let n = 0; n < samples.length; n++)
      samples[n] = 0.5 * Math.sin((2 * Math.PI * hz * n) / rate);
    return { sampleRate: rate, channels: [samples] };
  });
}

const preprocess: AudioPreprocess = {
  sampleRate: rate,
  duration: 0.5,
  trim: false,
  logMel: { nFft: 256, hop: 80, nMels: 16, fMax: 3800 },
  mean: -4,
  std: 3,
  maxSeconds: 2,
};

const recipe: Recipe = {
  version: 1,
  domain: 'audio',
  views: 2,
  pipeline: [
    { type: 'cropOrPad', duration: 0.5, position: 'random' },
    { type: 'gain', db: [-6, 6] },
    { type: 'logMel' },
    { type: 'timeMasking', count: 1, maxWidth: 5, fill: 'zero' },
  ],
};

async function collect(pool: AudioViewPool, epochs: number, from = 0) {
  const out = [];
  for await (const batch of pool.batches(epochs, from)) out.push(batch);
  await pool.close();
  return out;
}

describe('AudioViewPool', () => {
  const options = { clips: tones(24), recipe, preprocess, seed: 3, batchSize: 8 };

  it('yields full batches of log-mel views in a seeded order, and resumes where asked', async () => {
    const pool = new AudioViewPool({ ...options, workers: 0 });
    expect(pool.stepsPerEpoch).toBe(3);
    expect(pool.inputShape).toEqual([51, 16]);
    const all = await collect(pool, 2);
    expect(all.map((b) => b.step)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(all[0].inputShape).toEqual([51, 16]);
    expect(all[0].data.length).toBe(2 * 8 * 51 * 16);
    expect(all[0].data.every(Number.isFinite)).toBe(true);
    // Two views of one example differ (random crop, gain, mask); another epoch differs too.
    const size = 51 * 16;
    expect(all[0].data.subarray(0, size)).not.toEqual(all[0].data.subarray(8 * size, 9 * size));
    expect(all[3].data).not.toEqual(all[0].data);

    const again = await collect(new AudioViewPool({ ...options, workers: 0 }), 2);
    expect(again.map((b) => b.data)).toEqual(all.map((b) => b.data));
    const resumed = await collect(new AudioViewPool({ ...options, workers: 0 }), 2, 4);
    expect(resumed.map((b) => b.step)).toEqual([4, 5]);
    expect(resumed.map((b) => b.data)).toEqual(all.slice(4).map((b) => b.data));

    const other = await collect(new AudioViewPool({ ...options, seed: 4, workers: 0 }), 1);
    expect(other[0].data).not.toEqual(all[0].data);
  });

  it('makes the same views on worker threads as on the calling thread', async (ctx) => {
    const built = new URL('../../dist/views/audio-view-worker.js', import.meta.url);
    if (!existsSync(fileURLToPath(built))) ctx.skip();
    const local = await collect(new AudioViewPool({ ...options, workers: 0 }), 1);
    const threaded = await collect(new AudioViewPool({ ...options, workers: 2 }), 1);
    expect(threaded.map((b) => b.data)).toEqual(local.map((b) => b.data));
  });

  it('validates options and recipes where it is built', () => {
    expect(() => new AudioViewPool({ ...options, batchSize: 25 })).toThrow(/batchSize/);
    expect(() => new AudioViewPool({ ...options, views: 1 })).toThrow(/at least 2/);
    const bad = { ...recipe, pipeline: [{ type: 'timeMasking' }] };
    expect(() => new AudioViewPool({ ...options, recipe: bad })).toThrow(
      expect.objectContaining({ code: 'RECIPE_UNKNOWN_TRANSFORM' }),
    );
  });
});

describe('splitAudioRecipe', () => {
  it('splits at the logMel step and checks both halves', () => {
    const { waveform, spectrogram } = splitAudioRecipe(recipe);
    expect(waveform.domain).toBe('audio');
    expect(waveform.pipeline.map((s) => s.type)).toEqual(['cropOrPad', 'gain']);
    expect(spectrogram?.domain).toBe('audio-spectrogram');
    expect(spectrogram?.pipeline.map((s) => s.type)).toEqual(['timeMasking']);
    expect(splitAudioRecipe({ ...recipe, pipeline: [{ type: 'gain' }] }).spectrogram).toBe(
      undefined,
    );
  });

  it('refuses a logMel step with options, or two of them', () => {
    for (const pipeline of [
      [{ type: 'logMel', nMels: 40 }],
      [{ type: 'logMel' }, { type: 'logMel' }],
    ]) {
      expect(() => splitAudioRecipe({ ...recipe, pipeline })).toThrow(
        expect.objectContaining({ code: 'RECIPE_INVALID' }),
      );
    }
  });
});
