import { mkdtemp, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManyViewsError } from '@manyviews/augment-core';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEspeakWords } from './espeak-words.js';

describe('loadEspeakWords', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('renders a handful of clips once, splits by speaker, and renders nothing on a rerun', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'espeak-words-'));
    dirs.push(cacheDir);
    const options = {
      words: ['yes', 'seven'],
      voices: ['en-us+m1', 'en-gb+f2', 'en-029+klatt'],
      speeds: [160],
      pitches: [50],
      testFraction: 0.34,
      cacheDir,
    };
    const first = await loadEspeakWords(options);
    expect(first.rendered).toBe(6);
    expect(first.cached).toBe(0);
    expect(first.labels).toEqual(['yes', 'seven']);
    expect(first.testVariants).toHaveLength(1);
    expect(first.train).toHaveLength(4);
    expect(first.test).toHaveLength(2);
    for (const item of first.test) expect(first.testVariants).toContain(item.variant);
    for (const item of first.train) expect(first.testVariants).not.toContain(item.variant);
    for (const item of [...first.train, ...first.test]) {
      expect(item.clip.sampleRate).toBe(16000);
      expect(item.clip.channels).toHaveLength(1);
      // A trimmed word lasts a few hundred milliseconds.
      expect(item.clip.channels[0].length).toBeGreaterThan(0.15 * 16000);
      expect(item.clip.channels[0].length).toBeLessThan(1.2 * 16000);
      expect(item.label).toBe(first.labels.indexOf(item.word));
    }

    const second = await loadEspeakWords(options);
    expect(second.rendered).toBe(0);
    expect(second.cached).toBe(6);
    expect(second.train.map((i) => i.clip.channels[0])).toEqual(
      first.train.map((i) => i.clip.channels[0]),
    );

    await unlink(join(first.directory, first.train[0].file));
    const third = await loadEspeakWords(options);
    expect(third.rendered).toBe(1);
    expect(third.train[0].clip.channels[0]).toEqual(first.train[0].clip.channels[0]);
  });

  it('refuses a variant espeak-ng does not have, before rendering', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'espeak-words-'));
    dirs.push(cacheDir);
    const error = await loadEspeakWords({
      words: ['yes'],
      voices: ['en-us+m1', 'en-us+nosuchvoice'],
      cacheDir,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ManyViewsError);
    expect(error.code).toBe('ESPEAK_UNKNOWN_VOICE');
    expect(error.message).toMatch(/nosuchvoice/);
  });
});
