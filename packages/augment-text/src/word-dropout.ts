import {
  defineTransform,
  type ParamSpecs,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { fixedRateCount, recordList } from './options.js';
import { type TextDoc, wordPositions } from './text-doc.js';
import { checkTokenIndex, removeTokens } from './token-edits.js';

/** Options of {@link wordDropout}. */
export interface WordDropoutOptions {
  /** Fraction of the words dropped, in [0, 1]; default 0.1. */
  p?: number;
}

/** What {@link wordDropout} records: the dropped token indices, ascending. */
export interface WordDropoutParams {
  dropped: number[];
}

/** Option specs of {@link wordDropout}. */
export const wordDropoutSpecs: ParamSpecs = {
  p: { kind: 'number', min: 0, max: 1, default: 0.1, doc: 'fraction of the words dropped' },
};

/**
 * Word dropout at a fixed rate: drops exactly `max(1, round(p * words))` words chosen uniformly
 * without replacement, never all of them (one always stays); punctuation stays. Unlike
 * {@link randomDeletion}, whose count varies, every view loses the same share of its words.
 *
 * @param options see {@link WordDropoutOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` for `p` outside [0, 1]
 */
export function wordDropout(options?: WordDropoutOptions): Transform<TextDoc, WordDropoutParams> {
  const o = resolveOptions('wordDropout', wordDropoutSpecs, options);
  const p = o.p as number;

  return defineTransform<TextDoc, WordDropoutParams>({
    name: 'wordDropout',
    options: o,
    sample(doc, rng) {
      const words = wordPositions(doc);
      const k = fixedRateCount(p, words.length);
      const picked = Array.from(rng.permutation(words.length).subarray(0, k), (i) => words[i]);
      return { dropped: picked.sort((a, b) => a - b) };
    },
    apply(doc, params) {
      const list = recordList<number>('wordDropout', params.dropped, 'token indices');
      if (list.length === 0) return doc;
      return removeTokens(doc, new Set(list.map((i) => checkTokenIndex('wordDropout', doc, i))));
    },
  });
}
