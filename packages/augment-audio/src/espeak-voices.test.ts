import { describe, expect, it } from 'vitest';
import { ESPEAK_VOICES, ESPEAK_WORDS, splitVoicesByVariant, variantOf } from './espeak-voices.js';

describe('splitVoicesByVariant', () => {
  it('keeps every variant on one side, independent of the order given', () => {
    const split = splitVoicesByVariant(ESPEAK_VOICES, {
      testFraction: 0.25,
      seed: 'manyviews-espeak-words',
    });
    expect(split.test).toHaveLength(6);
    expect(split.train).toHaveLength(18);
    expect(split.test.filter((v) => split.train.includes(v))).toEqual([]);
    const reversed = splitVoicesByVariant([...ESPEAK_VOICES].reverse(), {
      testFraction: 0.25,
      seed: 'manyviews-espeak-words',
    });
    expect(reversed).toEqual(split);
    const other = splitVoicesByVariant(ESPEAK_VOICES, { testFraction: 0.25, seed: 'another' });
    expect(other.test).not.toEqual(split.test);
  });

  it('needs two speakers and a fraction in (0, 1)', () => {
    expect(() =>
      splitVoicesByVariant(['en-us+m1', 'en-gb+m1'], { testFraction: 0.5, seed: 's' }),
    ).toThrow(/two distinct/);
    expect(() => splitVoicesByVariant(ESPEAK_VOICES, { testFraction: 1, seed: 's' })).toThrow(
      /testFraction/,
    );
  });

  it('has at least 20 distinct words by default', () => {
    expect(new Set(ESPEAK_WORDS).size).toBeGreaterThanOrEqual(20);
  });
});

describe('variantOf', () => {
  it('takes the part after the plus, or the whole voice', () => {
    expect(variantOf('en-gb-x-rp+klatt2')).toBe('klatt2');
    expect(variantOf('en-us')).toBe('en-us');
  });
});
