import { defineTransform, type Transform } from '@manyviews/augment-core';
import { badRecord, edaCount, recordList, resolveOptions } from './options.js';
import {
  candidateFinder,
  type SynonymSourceOptions,
  splitSynonymOptions,
  synonymSpecs,
} from './synonym-candidates.js';
import { type TextDoc, wordPositions } from './text-doc.js';
import { insertWords } from './token-edits.js';

/** Options of {@link randomInsertion}. */
export interface RandomInsertionOptions extends SynonymSourceOptions {
  /** EDA strength in [0, 1]: `max(1, round(alpha * words))` insertions; default 0.1. */
  alpha?: number;
  /** `'brill'` (default) looks synonyms up in the tagged part of speech; `'none'` in all. */
  pos?: 'brill' | 'none';
  /** Never draw synonyms of natural's stop words; default true. */
  stopWords?: boolean;
}

/**
 * What {@link randomInsertion} records: the insertions in the order made, each before token `at`
 * of the text as it stood after the previous ones (`at` equal to the token count appends).
 */
export interface RandomInsertionParams {
  insertions: Array<{ at: number; word: string }>;
}

/** Option specs of {@link randomInsertion} (recipe options). */
export const randomInsertionSpecs = synonymSpecs;

/**
 * EDA's random insertion (RI, Wei and Zou 2019): `n = max(1, round(alpha * words))` times, takes
 * a synonym of a random unprotected word of the input and inserts it before a random word or
 * after the last (so before final punctuation).
 * Candidates are found once per text, so a text where no word has a synonym (`hello hello
 * hello`, only stop words) comes back unchanged at once, where EDA's code retries ten times per
 * insertion.
 *
 * @param options see {@link RandomInsertionOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` for an option out of range;
 *   `WORDNET_NOT_LOADED` when no `synonyms` was given and {@link loadWordNet} has not run
 */
export function randomInsertion(
  options?: RandomInsertionOptions,
): Transform<TextDoc, RandomInsertionParams> {
  const { json, objects } = splitSynonymOptions(options);
  const o = resolveOptions('randomInsertion', randomInsertionSpecs, json);
  const alpha = o.alpha as number;
  const find = candidateFinder('randomInsertion', o.pos as string, o.stopWords as boolean, objects);

  return defineTransform<TextDoc, RandomInsertionParams>({
    name: 'randomInsertion',
    options: o,
    sample(doc, rng) {
      const candidates = find(doc);
      const n = candidates.length === 0 ? 0 : edaCount(alpha, wordPositions(doc).length);

      // Track where the words are as insertions shift them, instead of building each
      // intermediate document: apply() builds the result once.
      let words = wordPositions(doc);
      const insertions: RandomInsertionParams['insertions'] = [];
      for (let k = 0; k < n; k++) {
        const word = rng.pick(rng.pick(candidates).synonyms);
        const at = rng.pick([...words, words[words.length - 1] + 1]);
        const added = wordsOf(word).length;
        insertions.push({ at, word });
        words = [
          ...words.filter((w) => w < at),
          ...Array.from({ length: added }, (_, i) => at + i),
          ...words.filter((w) => w >= at).map((w) => w + added),
        ];
      }
      return { insertions };
    },
    apply(doc, params) {
      const list = recordList<{ at: number; word: string }>(
        'randomInsertion',
        params.insertions,
        '{ at, word }',
      );
      let current = doc;
      for (const { at, word } of list) {
        if (!Number.isInteger(at) || at < 0 || at > current.tokens.length) {
          throw badRecord(
            'randomInsertion',
            `an insertion index in [0, ${current.tokens.length}]`,
            at,
          );
        }
        if (typeof word !== 'string' || word.trim() === '') {
          throw badRecord('randomInsertion', 'a non-empty word', word);
        }
        current = insertWords(current, at, wordsOf(word));
      }
      return current;
    },
  });
}

/** The tokens of a synonym: WordNet collocations (`true cat`) are several words. */
function wordsOf(synonym: string): string[] {
  return synonym.split(' ').filter(Boolean);
}
