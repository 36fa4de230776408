import { buildRecipe, ManyViewsError, Rng } from '@manyviews/augment-core';
import { describe, expect, it } from 'vitest';
import type { AudioClip } from '../clip.js';
import { defaultSpeechRecipe } from '../default-speech-recipe.js';
import { sine } from '../test-signals.js';
import { audioRegistry, createAudioRegistry } from './audio-registry.js';

const NAMES = [
  'addNoise',
  'bandPass',
  'clipping',
  'cropOrPad',
  'gain',
  'highPass',
  'lowPass',
  'mixBackground',
  'pitchShift',
  'polarityInversion',
  'reverb',
  'speedChange',
  'timeMask',
  'timeShift',
  'timeStretch',
];

/** A short stereo test clip with some content in each channel. */
function testClip(): AudioClip {
  const a = sine(300, 0.3, 16000, 0.4).channels[0];
  const b = sine(1700, 0.3, 16000, 0.2).channels[0];
  return { sampleRate: 16000, channels: [a, b] };
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof ManyViewsError ? `${e.code}: ${e.message}` : `untyped: ${String(e)}`;
  }
  return 'no error';
}

const registry = createAudioRegistry({ backgrounds: { hum: [sine(60, 0.5, 8000, 0.1)] } });

describe('audioRegistry', () => {
  it('registers every waveform transform', () => {
    expect(audioRegistry.names()).toEqual(NAMES);
    expect(audioRegistry.domain).toBe('audio');
  });

  for (const name of NAMES) {
    it(`${name}: replaying the JSON record gives the output of run`, () => {
      const { transform, recipe } = buildRecipe(
        { version: 1, domain: 'audio', pipeline: [{ type: name }] },
        registry,
      );
      const clip = testClip();
      for (const seed of [1, 2]) {
        const { output, record } = transform.run(clip, new Rng(seed).fork(name));
        const replayed = transform.apply(clip, JSON.parse(JSON.stringify(record)).params);
        expect(replayed.sampleRate).toBe(output.sampleRate);
        expect(replayed.channels).toEqual(output.channels);
        expect(output.channels.every((c) => c.every(Number.isFinite))).toBe(true);
      }
      expect(buildRecipe(JSON.stringify(recipe), registry).recipe).toEqual(recipe);
    });
  }

  it('names the field of a bad option', () => {
    const one = (step: object) => () =>
      buildRecipe({ version: 1, domain: 'audio', pipeline: [step] }, audioRegistry);
    expect(codeOf(one({ type: 'gain', db: [5, 1] }))).toMatch(
      /^RECIPE_INVALID_PARAM: pipeline\[0\]\.db/,
    );
    expect(codeOf(one({ type: 'lowPass', cutof: [100, 200] }))).toMatch(
      /^RECIPE_UNKNOWN_PARAM: pipeline\[0\]\.cutof/,
    );
    expect(codeOf(one({ type: 'addNoise', color: 'blue' }))).toMatch(
      /^RECIPE_INVALID_PARAM: pipeline\[0\]\.color/,
    );
    expect(codeOf(one({ type: 'mixBackground' }))).toMatch(/^AUDIO_NO_BACKGROUNDS/);
    expect(
      codeOf(() =>
        buildRecipe(
          { version: 1, domain: 'audio', pipeline: [{ type: 'mixBackground', set: 'rain' }] },
          registry,
        ),
      ),
    ).toMatch(/^RECIPE_INVALID_PARAM: pipeline\[0\]\.set .*"hum"/);
  });
});

describe('defaultSpeechRecipe', () => {
  const { transform } = buildRecipe(defaultSpeechRecipe, audioRegistry);
  const word = sine(220, 0.6, 16000, 0.3);

  it('gives 1 s views at 16 kHz that replay from their records and repeat from their seed', () => {
    for (let i = 0; i < 6; i++) {
      const rng = new Rng(7).fork(0, i);
      const { output, record } = transform.run(word, rng);
      expect(output.sampleRate).toBe(16000);
      expect(output.channels[0].length).toBe(16000);
      expect(transform.apply(word, JSON.parse(JSON.stringify(record)).params).channels).toEqual(
        output.channels,
      );
      expect(transform.run(word, new Rng(7).fork(0, i)).output.channels).toEqual(output.channels);
    }
  });

  it('gives different views from different seeds', () => {
    const a = transform.run(word, new Rng(1)).output.channels[0];
    const b = transform.run(word, new Rng(2)).output.channels[0];
    expect(a).not.toEqual(b);
  });
});
