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
import { checkTokenIndex, matchCase, replaceTokens } from './token-edits.js';

/** Options of {@link synonymReplacement}. */
export interface SynonymReplacementOptions extends SynonymSourceOptions {
  /** EDA strength in [0, 1]: `max(1, round(alpha * words))` words replaced; default 0.1. */
  alpha?: number;
  /** `'brill'` (default) looks synonyms up in the tagged part of speech; `'none'` in all. */
  pos?: 'brill' | 'none';
  /** Leave natural's stop words alone; default true. */
  stopWords?: boolean;
}

/** What {@link synonymReplacement} records: each replaced token and the word put there. */
export interface SynonymReplacementParams {
  replacements: Array<{ token: number; word: string }>;
}

/** Option specs of {@link synonymReplacement} (recipe options). */
export const synonymReplacementSpecs = synonymSpecs;

/**
 * EDA's synonym replacement (SR, Wei and Zou 2019): picks `n = max(1, round(alpha * words))`
 * distinct words that have synonyms and are not protected (stop words, numbers, words with
 * digits, `protectedWords`), and replaces each with one of its synonyms, drawn uniformly, in the
 * original's capitalisation. When fewer words have synonyms, all of them are replaced; when none
 * has, the text comes back unchanged. Only the drawn token is replaced, not its other occurrences
 * as in EDA's code, so a tagger can give each occurrence its own part of speech.
 *
 * @param options see {@link SynonymReplacementOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` for an option out of range;
 *   `WORDNET_NOT_LOADED` when no `synonyms` was given and {@link loadWordNet} has not run
 * @example
 * const sr = synonymReplacement({ alpha: 0.2, synonyms: await loadWordNet() });
 * sr.run(tokenize('The quick fox jumps.'), new Rng(1)).output.text; // 'The speedy fox jumps.'
 */
export function synonymReplacement(
  options?: SynonymReplacementOptions,
): Transform<TextDoc, SynonymReplacementParams> {
  const { json, objects } = splitSynonymOptions(options);
  const o = resolveOptions('synonymReplacement', synonymReplacementSpecs, json);
  const alpha = o.alpha as number;
  const find = candidateFinder(
    'synonymReplacement',
    o.pos as string,
    o.stopWords as boolean,
    objects,
  );

  return defineTransform<TextDoc, SynonymReplacementParams>({
    name: 'synonymReplacement',
    options: o,
    sample(doc, rng) {
      const n = edaCount(alpha, wordPositions(doc).length);
      const chosen = rng.shuffle(find(doc)).slice(0, n);
      const replacements = chosen
        .map((c) => ({
          token: c.token,
          word: matchCase(doc.tokens[c.token].text, rng.pick(c.synonyms)),
        }))
        .sort((a, b) => a.token - b.token);
      return { replacements };
    },
    apply(doc, params) {
      const list = recordList<{ token: number; word: string }>(
        'synonymReplacement',
        params.replacements,
        '{ token, word }',
      );
      const map = new Map<number, string>();
      for (const r of list) {
        if (typeof r.word !== 'string' || r.word.trim() === '') {
          throw badRecord('synonymReplacement', 'a non-empty word', r.word);
        }
        map.set(checkTokenIndex('synonymReplacement', doc, r.token), r.word);
      }
      return map.size === 0 ? doc : replaceTokens(doc, map);
    },
  });
}
