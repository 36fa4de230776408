import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { hashString, type Logger, ManyViewsError, silentLogger } from '@manyviews/augment-core';
import type { AudioClip } from './clip.js';
import {
  type CommandRunner,
  checkUtterance,
  type EspeakInfo,
  ensureEspeak,
  execFileRunner,
  listEspeakVariants,
  renderUtterance,
} from './espeak.js';
import { decodeWav } from './io/decode-wav.js';
import { trimSilence } from './trim-silence.js';

/**
 * The 20 core words of Speech Commands (Warden, 2018): short, common and mostly distinct, with a
 * few near pairs (`on`/`off`, `no`/`go`, `four`/`five`) that make the task less trivial.
 */
export const ESPEAK_WORDS: readonly string[] = [
  'yes',
  'no',
  'up',
  'down',
  'left',
  'right',
  'on',
  'off',
  'stop',
  'go',
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
];

/** English accents of espeak-ng (Debian's `espeak-ng-data`, the gmw family). */
export const ESPEAK_ACCENTS: readonly string[] = [
  'en-us',
  'en-gb',
  'en-gb-scotland',
  'en-gb-x-rp',
  'en-gb-x-gbclan',
  'en-gb-x-gbcwmd',
  'en-029',
  'en-us-nyc',
];

/**
 * espeak-ng voice variants (`espeak-ng --voices=variant`): they set the formants, pitch range,
 * breathiness and, for `klatt*`, the synthesiser, so each is a different "speaker".
 */
export const ESPEAK_VARIANTS: readonly string[] = [
  'm1',
  'm2',
  'm3',
  'm4',
  'm5',
  'm6',
  'm7',
  'm8',
  'f1',
  'f2',
  'f3',
  'f4',
  'f5',
  'klatt',
  'klatt2',
  'klatt3',
  'Alex',
  'Andy',
  'Annie',
  'adam',
  'belinda',
  'david',
  'linda',
  'steph',
];

/**
 * The default voices: each of the 24 variants with two accents (variant `i` with accents `i` and
 * `i + 3`, mod 8), 48 voices in all, so every accent occurs with many speakers.
 */
export const ESPEAK_VOICES: readonly string[] = ESPEAK_VARIANTS.flatMap((variant, i) => [
  `${ESPEAK_ACCENTS[i % ESPEAK_ACCENTS.length]}+${variant}`,
  `${ESPEAK_ACCENTS[(i + 3) % ESPEAK_ACCENTS.length]}+${variant}`,
]);

/** Default speaking rates in words per minute (espeak-ng's own default is 175). */
export const ESPEAK_SPEEDS: readonly number[] = [130, 175];

/** Default pitches, 0-99 (50 is the voice's own). */
export const ESPEAK_PITCHES: readonly number[] = [35, 65];

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

/** One line of the manifest: what was rendered, where, and its size. */
interface ManifestEntry {
  word: string;
  voice: string;
  speed: number;
  pitch: number;
  file: string;
  bytes: number;
}

interface Manifest {
  format: 1;
  espeakVersion: string;
  entries: Record<string, ManifestEntry>;
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
  checkOptions(words, voices, speeds, pitches, concurrency);
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

  const sampleRate = options.sampleRate ?? 16000;
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

/**
 * Splits voices by speaker: the variants (the part after `+`) are ordered by
 * `hashString(seed + '|' + variant)` and the first `round(testFraction * count)`, at least one
 * and at most `count - 1`, are test.
 *
 * @param voices voice names, `accent+variant`
 * @param options `testFraction` in (0, 1), `seed` (any string)
 * @returns the variant names of each side, sorted
 * @throws {ManyViewsError} `AUDIO_INVALID_OPTION` when fewer than two variants are given or the
 *   fraction is outside (0, 1)
 */
export function splitVoicesByVariant(
  voices: readonly string[],
  options: { testFraction: number; seed: string },
): { train: string[]; test: string[] } {
  const variants = [...new Set(voices.map(variantOf))];
  const { testFraction, seed } = options;
  if (variants.length < 2 || !(testFraction > 0 && testFraction < 1)) {
    throw new ManyViewsError(
      'AUDIO_INVALID_OPTION',
      'espeak words: cannot split the voices by speaker',
      {
        expected: 'at least two distinct variants and testFraction in (0, 1)',
        received: `${variants.length} variant(s), testFraction ${testFraction}`,
      },
    );
  }
  const ordered = variants
    .map((v) => ({ v, h: hashString(`${seed}|${v}`) }))
    .sort((a, b) => a.h - b.h || (a.v < b.v ? -1 : 1))
    .map((x) => x.v);
  const count = Math.min(
    variants.length - 1,
    Math.max(1, Math.round(testFraction * variants.length)),
  );
  return { train: ordered.slice(count).sort(), test: ordered.slice(0, count).sort() };
}

/** The speaker part of a voice: after `+`, or the whole name. */
function variantOf(voice: string): string {
  const plus = voice.indexOf('+');
  return plus < 0 ? voice : voice.slice(plus + 1);
}

function keyOf(e: { word: string; voice: string; speed: number; pitch: number }): string {
  return `${e.word}|${e.voice}|${e.speed}|${e.pitch}`;
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

async function readManifest(directory: string, version: string, logger: Logger): Promise<Manifest> {
  const empty: Manifest = { format: 1, espeakVersion: version, entries: {} };
  let text: string;
  try {
    text = await readFile(join(directory, 'manifest.json'), 'utf8');
  } catch {
    return empty;
  }
  try {
    const parsed = JSON.parse(text) as Manifest;
    if (
      parsed.format === 1 &&
      parsed.espeakVersion === version &&
      typeof parsed.entries === 'object'
    )
      return parsed;
  } catch {
    // Fall through: a manifest that cannot be read is rebuilt from fresh renders.
  }
  logger.warn('espeak words: the cache manifest is unreadable; rendering again', { directory });
  return empty;
}

async function writeManifest(directory: string, manifest: Manifest): Promise<void> {
  const path = join(directory, 'manifest.json');
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(manifest, null, 1)}\n`);
  await rename(temporary, path);
}

async function renderAll(
  espeak: EspeakInfo,
  directory: string,
  missing: ManifestEntry[],
  concurrency: number,
  runner: CommandRunner,
  onProgress: ((done: number, total: number) => void) | undefined,
  manifest: Manifest,
): Promise<void> {
  let next = 0;
  let done = 0;
  let failure: unknown;
  const worker = async () => {
    // After a failure no worker starts another render; those in flight finish.
    while (failure === undefined && next < missing.length) {
      const entry = missing[next++];
      const path = join(directory, entry.file);
      const temporary = `${path}.${process.pid}.tmp.wav`;
      try {
        await mkdir(dirname(path), { recursive: true });
        const utterance = {
          text: entry.word,
          voice: entry.voice,
          speed: entry.speed,
          pitch: entry.pitch,
        };
        await renderUtterance(espeak, utterance, temporary, runner);
        await rename(temporary, path);
        entry.bytes = (await sizeOf(path)) ?? 0;
        manifest.entries[keyOf(entry)] = { ...entry };
        onProgress?.(++done, missing.length);
      } catch (error) {
        await rm(temporary, { force: true });
        failure ??= error;
      }
    }
  };

  await Promise.all(Array.from({ length: Math.min(concurrency, missing.length) }, worker));
  // Whatever finished is recorded, so an interrupted or failed run resumes where it stopped.
  await writeManifest(directory, manifest);
  if (failure !== undefined) throw failure;
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch {
    return undefined;
  }
}
