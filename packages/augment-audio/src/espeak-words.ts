import { mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { type Logger, ManyViewsError, silentLogger } from '@manyviews/augment-core';
import type { AudioClip } from './clip.js';
import {
  type CommandRunner,
  checkUtterance,
  type EspeakInfo,
  ensureEspeak,
  execFileRunner,
  listEspeakVariants,
} from './espeak.js';
import { keyOf, type ManifestEntry, readManifest, renderAll, sizeOf } from './espeak-cache.js';
import {
  ESPEAK_PITCHES,
  ESPEAK_SPEEDS,
  ESPEAK_VOICES,
  ESPEAK_WORDS,
  splitVoicesByVariant,
  variantOf,
} from './espeak-voices.js';
import { decodeWav } from './io/decode-wav.js';
import { trimSilence } from './trim-silence.js';

/** Options of {@link loadEspeakWords}. */
export interface EspeakWordsOptions {
  /** Words to render (the labels, in this order); default {@link ESPEAK_WORDS}. */
  words?: readonly string[];
  /** Voices, `accent+variant`; default {@link ESPEAK_VOICES}. */
  voices?: readonly string[];
  /** Rates in words per minute, integers in [80, 450]; default {@link ESPEAK_SPEEDS}. */
  speeds?: readonly number[];
  /** Pitches, integers in [0, 99]; default {@link ESPEAK_PITCHES}. */
  pitches?: readonly number[];
  /** Share of the variants (speakers) held out for test, in (0, 1); default 0.25. */
  testFraction?: number;
  /** Salt of the split's hash; default `manyviews-espeak-words`. Change it for another split. */
  splitSeed?: string;
  /**
   * Where renders are kept; default `$MANYVIEWS_CACHE_DIR/espeak-words`, else
   * `~/.cache/manyviews/espeak-words`. Each espeak-ng version gets its own subfolder.
   */
  cacheDir?: string;
  /** Rate of the returned clips; default 16000. */
  sampleRate?: number;
  /** Cut leading and trailing silence (see {@link trimSilence}); default true. */
  trim?: boolean;
  /** Renders run at once; default 2. */
  concurrency?: number;
  /** Told what is rendered and found. */
  logger?: Logger;
  /** Called after each render with (done, total renders needed). */
  onProgress?: (done: number, total: number) => void;
  /** espeak-ng binary; default `espeak-ng` (see {@link ensureEspeak}). */
  binary?: string;
  /** Install espeak-ng with apt-get when missing and allowed; default true. */
  install?: boolean;
  /** How programs are run; default {@link execFileRunner}. */
  runner?: CommandRunner;
}

/** One rendered word. */
export interface SpokenWord {
  clip: AudioClip;
  /** Index of `word` in the dataset's `labels`. */
  label: number;
  word: string;
  /** The espeak-ng voice, `accent+variant`. */
  voice: string;
  /** The speaker: the part after `+` (the whole voice when there is none). */
  variant: string;
  speed: number;
  pitch: number;
  /** The cached WAV, relative to the dataset's `directory`. */
  file: string;
}

/** The spoken-word dataset, split by speaker. */
export interface EspeakWordsDataset {
  /** The words, in label order. */
  labels: string[];
  train: SpokenWord[];
  test: SpokenWord[];
  /** Variants whose voices are in train. */
  trainVariants: string[];
  /** Variants whose voices are in test; none of them occurs in train. */
  testVariants: string[];
  /** Clips rendered by this call (0 when everything was cached). */
  rendered: number;
  /** Clips found in the cache. */
  cached: number;
  espeakVersion: string;
  /** The folder holding the WAVs and `manifest.json`. */
  directory: string;
}

/**
 * Loads (rendering what is missing) spoken words made with espeak-ng: every word in every voice,
 * speed and pitch, decoded to mono at `sampleRate` and trimmed of silence, labelled by word.
 *
 * Split: by speaker. The variants of the voices are ordered by a hash of `splitSeed` and the
 * variant name, and the first `round(testFraction * variants)` (at least one) are the test
 * speakers: every voice using them, in any accent, is in test, so no test speaker is heard in
 * train. The split depends only on the names, never on the order they are given in.
 *
 * Cache: each clip is rendered once into `cacheDir/espeak-ng-VERSION/WORD/VOICE_sSPEED_pPITCH.wav`
 * and listed in `manifest.json`, keyed by (word, voice, speed, pitch), with its size; a rerun
 * renders nothing. espeak-ng's output is deterministic for a given version, and the version is
 * part of the folder, so a rerun on another machine with the same version gives the same bytes.
 *
 * @param options words, voices, speeds, pitches, split, cache, rate; see {@link EspeakWordsOptions}
 * @throws {ManyViewsError} `ESPEAK_NOT_FOUND` or `ESPEAK_INSTALL_FAILED` (see {@link ensureEspeak});
 *   `ESPEAK_UNKNOWN_VOICE` for a variant espeak-ng lacks; `AUDIO_INVALID_OPTION` for bad options;
 *   `ESPEAK_RENDER_FAILED` when a render fails
 * @example
 * const { train, test, labels } = await loadEspeakWords({ logger });
 */
export async function loadEspeakWords(
  options: EspeakWordsOptions = {},
): Promise<EspeakWordsDataset> {
  const words = [...(options.words ?? ESPEAK_WORDS)];
  const voices = [...(options.voices ?? ESPEAK_VOICES)];
  const speeds = [...(options.speeds ?? ESPEAK_SPEEDS)];
  const pitches = [...(options.pitches ?? ESPEAK_PITCHES)];
  const logger = options.logger ?? silentLogger;
  const runner = options.runner ?? execFileRunner;
  const concurrency = options.concurrency ?? 2;
  const sampleRate = options.sampleRate ?? 16000;
  checkOptions(words, voices, speeds, pitches, concurrency);
  if (!Number.isInteger(sampleRate) || sampleRate <= 0) {
    throw new ManyViewsError(
      'AUDIO_INVALID_OPTION',
      'espeak words: sampleRate must be a positive integer',
      {
        expected: 'a positive integer',
        received: sampleRate,
      },
    );
  }
  const split = splitVoicesByVariant(voices, {
    testFraction: options.testFraction ?? 0.25,
    seed: options.splitSeed ?? 'manyviews-espeak-words',
  });

  const espeak = await ensureEspeak({
    binary: options.binary,
    install: options.install,
    logger,
    runner,
  });
  await checkVariants(espeak, voices, runner);
  const directory = join(options.cacheDir ?? defaultCacheDir(), `espeak-ng-${espeak.version}`);
  await mkdir(directory, { recursive: true });
  const manifest = await readManifest(directory, espeak.version, logger);

  const entries: ManifestEntry[] = [];
  for (const word of words) {
    for (const voice of voices) {
      for (const speed of speeds) {
        for (const pitch of pitches) {
          const file = `${word}/${voice.replace('+', '_')}_s${speed}_p${pitch}.wav`;
          entries.push({ word, voice, speed, pitch, file, bytes: 0 });
        }
      }
    }
  }

  const missing: ManifestEntry[] = [];
  for (const entry of entries) {
    const known = manifest.entries[keyOf(entry)];
    if (
      known &&
      known.file === entry.file &&
      (await sizeOf(join(directory, entry.file))) === known.bytes
    ) {
      entry.bytes = known.bytes;
    } else {
      missing.push(entry);
    }
  }
  logger.info('espeak-ng words', {
    version: espeak.version,
    directory,
    clips: entries.length,
    cached: entries.length - missing.length,
    toRender: missing.length,
  });

  if (missing.length > 0) {
    await renderAll(espeak, directory, missing, concurrency, runner, options.onProgress, manifest);
  }

  const trim = options.trim ?? true;
  const testSet = new Set(split.test);
  const train: SpokenWord[] = [];
  const test: SpokenWord[] = [];
  for (const entry of entries) {
    let clip = decodeWav(await readFile(join(directory, entry.file)), { sampleRate });
    if (trim) clip = trimSilence(clip);
    const variant = variantOf(entry.voice);
    const item: SpokenWord = {
      clip,
      label: words.indexOf(entry.word),
      word: entry.word,
      voice: entry.voice,
      variant,
      speed: entry.speed,
      pitch: entry.pitch,
      file: entry.file,
    };
    (testSet.has(variant) ? test : train).push(item);
  }

  return {
    labels: words,
    train,
    test,
    trainVariants: split.train,
    testVariants: split.test,
    rendered: missing.length,
    cached: entries.length - missing.length,
    espeakVersion: espeak.version,
    directory,
  };
}

function defaultCacheDir(): string {
  const root = process.env.MANYVIEWS_CACHE_DIR ?? join(homedir(), '.cache', 'manyviews');
  return join(root, 'espeak-words');
}

function checkOptions(
  words: string[],
  voices: string[],
  speeds: number[],
  pitches: number[],
  concurrency: number,
): void {
  const lists: Array<[string, unknown[]]> = [
    ['words', words],
    ['voices', voices],
    ['speeds', speeds],
    ['pitches', pitches],
  ];
  for (const [name, list] of lists) {
    if (list.length === 0 || new Set(list).size !== list.length) {
      throw new ManyViewsError(
        'AUDIO_INVALID_OPTION',
        `espeak words: ${name} must be a non-empty list without repeats`,
        {
          expected: `distinct ${name}`,
          received: list.join(', '),
        },
      );
    }
  }
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new ManyViewsError(
      'AUDIO_INVALID_OPTION',
      'espeak words: concurrency must be a positive integer',
      {
        expected: 'an integer >= 1',
        received: concurrency,
      },
    );
  }
  for (const word of words) {
    if (!/^[a-z]+$/.test(word)) {
      throw new ManyViewsError(
        'AUDIO_INVALID_OPTION',
        'espeak words: a word must be lower-case letters',
        {
          expected: 'a word of a-z only (it is also a folder name)',
          received: word,
        },
      );
    }
    for (const voice of voices)
      checkUtterance({ text: word, voice, speed: speeds[0], pitch: pitches[0] });
  }
  for (const speed of speeds) checkUtterance({ text: 'a', voice: 'en', speed, pitch: 50 });
  for (const pitch of pitches) checkUtterance({ text: 'a', voice: 'en', speed: 175, pitch });
}

async function checkVariants(
  espeak: EspeakInfo,
  voices: string[],
  runner: CommandRunner,
): Promise<void> {
  const wanted = voices.filter((v) => v.includes('+')).map(variantOf);
  if (wanted.length === 0) return;
  // espeak-ng falls back to the plain voice for an unknown variant without a word of warning,
  // which would silently merge speakers: check the names first.
  const known = new Set(await listEspeakVariants(espeak, runner));
  const unknown = [...new Set(wanted.filter((v) => !known.has(v)))];
  if (unknown.length > 0) {
    throw new ManyViewsError(
      'ESPEAK_UNKNOWN_VOICE',
      'espeak words: espeak-ng has no such voice variant',
      {
        expected: 'variants listed by `espeak-ng --voices=variant`',
        received: unknown.join(', '),
      },
    );
  }
}
