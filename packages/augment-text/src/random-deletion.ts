import {
  defineTransform,
  type ParamSpecs,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { recordList } from './options.js';
import { type TextDoc, wordPositions } from './text-doc.js';
import { checkTokenIndex, removeTokens } from './token-edits.js';

/** Options of {@link randomDeletion}. */
export interface RandomDeletionOptions {
  /** EDA strength in [0, 1], used as each word's probability of deletion; default 0.1. */
  alpha?: number;
}

/** What {@link randomDeletion} records: the deleted token indices, ascending. */
export interface RandomDeletionParams {
  deleted: number[];
}

/** Option specs of {@link randomDeletion}. */
export const randomDeletionSpecs: ParamSpecs = {
  alpha: {
    kind: 'number',
    min: 0,
    max: 1,
    default: 0.1,
    doc: "each word's probability of deletion",
  },
};

/**
 * EDA's random deletion (RD, Wei and Zou 2019): deletes each word independently with probability
 * `alpha` (EDA's `p = alpha_rd`), so the number deleted varies and may be zero; punctuation stays.
 * Never empties a text: a one-word text is kept whole and, when every word was drawn for
 * deletion, one of them (uniformly) survives, as in EDA's code. See {@link wordDropout} for a
 * fixed number of deletions.
 *
 * @param options see {@link RandomDeletionOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` for `alpha` outside [0, 1]
 */
export function randomDeletion(
  options?: RandomDeletionOptions,
): Transform<TextDoc, RandomDeletionParams> {
  const o = resolveOptions('randomDeletion', randomDeletionSpecs, options);
  const alpha = o.alpha as number;

  return defineTransform<TextDoc, RandomDeletionParams>({
    name: 'randomDeletion',
    options: o,
    sample(doc, rng) {
      const words = wordPositions(doc);
      if (words.length <= 1) return { deleted: [] };

      const deleted = words.filter(() => rng.bool(alpha));
      if (deleted.length === words.length) deleted.splice(rng.int(0, deleted.length - 1), 1);
      return { deleted };
    },
    apply(doc, params) {
      const list = recordList<number>('randomDeletion', params.deleted, 'token indices');
      if (list.length === 0) return doc;
      return removeTokens(doc, new Set(list.map((i) => checkTokenIndex('randomDeletion', doc, i))));
    },
  });
}
