import type { AudioClip } from '@manyviews/augment-audio';
import { splitAudioRecipe } from '@manyviews/contrastive';
import { describe, expect, it } from 'vitest';
import {
  type AudioSplit,
  audioDataset,
  audioPreprocess,
  defaultAudioRecipe,
} from './audio-dataset.js';
import { espeakWords } from './espeak-words.js';
import { spread } from './spread.js';

function split(count: number): AudioSplit {
  const clips: AudioClip[] = Array.from({ length: count }, (_, i) => {
    const samples = new Float32Array(16000 * 0.4);
    const hz = 300 * (1 + (i % 3));
    for (let n = 0; n < samples.length; n++)
      samples[n] = 0.3 * Math.sin((2 * Math.PI * hz * n) / 16000);
    return { sampleRate: 16000, channels: [samples] };
  });
  return {
    count,
    labels: Int32Array.from(clips, (_, i) => i % 3),
    classes: ['low', 'mid', 'high'],
    clips,
    names: clips.map((_, i) => `c${i}`),
    sampleRate: 16000,
  };
}

const spec = {
  name: 'tones',
  description: 'test tones',
  defaults: { epochs: 1, batchSize: 4, learningRate: 1e-3, temperature: 0.2 },
  load: async () => split(6),
};
const dataset = audioDataset(spec);

describe('audio datasets', () => {
  it('keep evenly spaced rows under a limit', () => {
    expect(spread([0, 1, 2, 3, 4, 5, 6, 7], 4)).toEqual([0, 2, 4, 6]);
    expect(spread([0, 1, 2], 5)).toEqual([0, 1, 2]);
  });

  it('give the encoder a cepstral front end only when the dataset asks for one', () => {
    const train = split(6);
    expect(dataset.encoderConfig(train)).not.toHaveProperty('cepstra');
    const cepstral = audioDataset({ ...spec, cepstra: 13 });
    expect(cepstral.encoderConfig(train)).toMatchObject({
      type: 'audio-frames',
      bins: 64,
      cepstra: 13,
    });
    expect(espeakWords.encoderConfig(train)).toMatchObject({ cepstra: 13 });
  });

  it('ship a valid default recipe and state their preprocess with measured statistics', () => {
    expect(() => splitAudioRecipe(defaultAudioRecipe)).not.toThrow();
    const train = split(6);
    const pre = audioPreprocess(train);
    expect(pre).toMatchObject({ sampleRate: 16000, duration: 1, trim: true, maxSeconds: 30 });
    expect(pre.std).toBeGreaterThan(0);
    expect(dataset.preprocess(train, defaultAudioRecipe)).toEqual({ ...pre });
    expect(dataset.inputShape(train)).toEqual([101, 64]);
  });

  it('give positive pairs as log-mel inputs and as MFCC statistics of the same views', () => {
    const test = split(5);
    const pre = dataset.preprocess(split(6), defaultAudioRecipe);
    const pairs = dataset.positivePairs(test, defaultAudioRecipe, 1, 4, pre);
    expect(pairs.rows).toBe(4);
    expect(pairs.a.length).toBe(4 * 101 * 64);
    expect(pairs.a).not.toEqual(pairs.b);
    const raw = dataset.rawPositivePairs!(test, defaultAudioRecipe, 1, 4);
    expect(raw.rows).toBe(4);
    expect('data' in raw.a && raw.a.data.length).toBe(4 * 26);
    expect(dataset.ids(test, 'test')).toEqual([
      'test-c0',
      'test-c1',
      'test-c2',
      'test-c3',
      'test-c4',
    ]);
  });
});
