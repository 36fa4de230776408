import {
  badRecord,
  defineTransform,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { edaCount, recordList } from './options.js';
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
 * What {@link randomInsertion} records: each insertion before token `before` of the input
 * (`before` equal to the token count appends); several at one place stand in record order.
 */
export interface RandomInsertionParams {
  insertions: Array<{ before: number; word: string }>;
}

/** Option specs of {@link randomInsertion} (recipe options). */
export const randomInsertionSpecs = synonymSpecs;

/**
 * EDA's random insertion (RI, Wei and Zou 2019): `n = max(1, round(alpha * words))` times, takes
 * a synonym of a random unprotected word of the input and inserts it before a random word of the
 * input or after its last (so before final punctuation). EDA's code may also insert between
 * words it inserted earlier; here they queue at their place, so a record replays in one pass.
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

      const words = wordPositions(doc);
      const slots = [...words, words[words.length - 1] + 1];
      const insertions: RandomInsertionParams['insertions'] = [];
      for (let k = 0; k < n; k++) {
        const word = rng.pick(rng.pick(candidates).synonyms);
        insertions.push({ before: rng.pick(slots), word });
      }
      return { insertions };
    },
    apply(doc, params) {
      const list = recordList<{ before: number; word: string }>(
        'randomInsertion',
        params.insertions,
        '{ before, word }',
      );
      if (list.length === 0) return doc;

      const n = doc.tokens.length;
      for (const { before, word } of list) {
        if (!Number.isInteger(before) || before < 0 || before > n) {
          throw badRecord('randomInsertion', `an insertion index in [0, ${n}]`, before);
        }
        if (typeof word !== 'string' || word.trim() === '') {
          throw badRecord('randomInsertion', 'a non-empty word', word);
        }
      }
      return insertWords(
        doc,
        list.map(({ before, word }) => ({ before, words: wordsOf(word) })),
      );
    },
  });
}

/** The tokens of a synonym: WordNet collocations (`true cat`) are several words. */
function wordsOf(synonym: string): string[] {
  return synonym.split(' ').filter(Boolean);
}
