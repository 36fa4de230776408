import { readFile, stat } from 'node:fs/promises';
import {
  type EspeakWordsDataset,
  type EspeakWordsOptions,
  loadEspeakWords,
  type SpokenWord,
} from '@manyviews/augment-audio';
import { type Logger, ManyViewsError } from '@manyviews/augment-core';
import { AUDIO_INPUT, type AudioSplit, audioDataset } from './audio-dataset.js';
import { spread } from './spread.js';

/** The fields of an espeak-words options file (`--data words.json`). */
const OPTION_FIELDS = [
  'words',
  'voices',
  'speeds',
  'pitches',
  'testFraction',
  'splitSeed',
  'cacheDir',
] as const;

const loaded = new Map<string, Promise<EspeakWordsDataset>>();

/**
 * What `--data` means for espeak-words: nothing (the default set in the default cache), a folder
 * (the render cache to use), or a `.json` file of loadEspeakWords options, so that a smaller set
 * (fewer words, voices, speeds or pitches) can be trained and tested.
 *
 * @throws {ManyViewsError} `CLI_USAGE` for an unreadable or malformed options file
 */
export async function espeakOptions(data?: string): Promise<EspeakWordsOptions> {
  if (data === undefined) return {};
  const info = await stat(data).catch(() => undefined);
  if (info?.isDirectory()) return { cacheDir: data };
  if (!info?.isFile()) {
    throw new ManyViewsError('CLI_USAGE', `--data ${data} is neither a folder nor a file`, {
      expected: 'a render cache folder or a JSON file of espeak-words options',
      received: data,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(data, 'utf8'));
  } catch (cause) {
    throw new ManyViewsError('CLI_USAGE', `--data ${data} is not a JSON file`, { cause });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ManyViewsError('CLI_USAGE', `--data ${data} must hold a JSON object`, {
      expected: `an object with some of ${OPTION_FIELDS.join(', ')}`,
      received: parsed,
    });
  }
  const unknown = Object.keys(parsed).filter(
    (k) => !(OPTION_FIELDS as readonly string[]).includes(k),
  );
  if (unknown.length > 0) {
    throw new ManyViewsError('CLI_USAGE', `--data ${data}: unknown espeak-words option`, {
      expected: `some of ${OPTION_FIELDS.join(', ')}`,
      received: unknown.join(', '),
    });
  }
  return parsed as EspeakWordsOptions;
}

/**
 * The spoken-word set of augment-audio, loaded once per process for both splits (rendering with
 * espeak-ng what the cache lacks, and installing espeak-ng through `ensureEspeak` when missing
 * and allowed).
 */
export async function loadWords(data?: string, logger?: Logger): Promise<EspeakWordsDataset> {
  const options = await espeakOptions(data);
  const key = JSON.stringify(options);
  let found = loaded.get(key);
  if (!found) {
    let last = 0;
    found = loadEspeakWords({
      ...options,
      sampleRate: AUDIO_INPUT.sampleRate,
      trim: AUDIO_INPUT.trim,
      logger,
      onProgress: (done, total) => {
        // One line every tenth of the render: it takes about a minute for the default set.
        if (logger && (done === total || done - last >= total / 10)) {
          last = done;
          logger.info(`espeak-ng: rendered ${done} of ${total} clips`);
        }
      },
    });
    found.catch(() => loaded.delete(key));
    loaded.set(key, found);
  }
  return found;
}

function toSplit(words: SpokenWord[], labels: string[]): AudioSplit {
  return {
    count: words.length,
    labels: Int32Array.from(words, (w) => w.label),
    classes: labels,
    clips: words.map((w) => w.clip),
    names: words.map((w) => w.file.replace(/\.wav$/, '')),
    sampleRate: AUDIO_INPUT.sampleRate,
  };
}

/**
 * Spoken words rendered with espeak-ng (augment-audio's `loadEspeakWords`): 20 words, 48 voices,
 * 2 speeds and 2 pitches, split by speaker so no test voice is heard in training. `--limit`
 * keeps evenly spaced clips, so every word stays in.
 */
export const espeakWords = audioDataset({
  name: 'espeak-words',
  description:
    'spoken words rendered with espeak-ng, split by speaker (--data: render cache folder, or a JSON file of loadEspeakWords options)',
  // Measured on the held-out voices (kNN@20, cepstral encoder): at 2e-3 it peaks after 2 epochs
  // and then falls (0.84 after 2, 0.74 after 6); at 3e-4 it still gains at 10 (0.860; 5e-4 gave
  // 0.855 after 10, 1e-3 gave 0.80 after 6).
  defaults: { epochs: 10, batchSize: 256, learningRate: 3e-4, temperature: 0.2 },
  // An MFCC front end: 13 coefficients drop the voices' pitch harmonics (after 2 epochs at 2e-3:
  // kNN@20 0.838 with it, 0.799 on the 64 bands; untrained, 0.784 against 0.695).
  cepstra: 13,
  async load(split, options) {
    const set = await loadWords(options.data, options.logger);
    return toSplit(spread(split === 'train' ? set.train : set.test, options.limit), set.labels);
  },
});
