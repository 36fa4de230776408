import {
  badRecord,
  defineTransform,
  type ParamSpecs,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { recordList } from './options.js';
import { splitSentences } from './sentences.js';
import { makeDoc, type TextDoc, type Token } from './text-doc.js';

/** Options of {@link sentenceShuffle}: none. */
export type SentenceShuffleOptions = Record<string, never>;

/** What {@link sentenceShuffle} records: `order[k]` is the sentence put in place `k`. */
export interface SentenceShuffleParams {
  order: number[];
}

/** Option specs of {@link sentenceShuffle}: none. */
export const sentenceShuffleSpecs: ParamSpecs = {};

/**
 * Puts the sentences (see {@link splitSentences}) in a uniformly random order. The whitespace
 * between sentences stays in place (a paragraph break stays where it was), as does the text's
 * leading and trailing whitespace. A one-sentence text comes back unchanged.
 *
 * @param options none; accepted so recipes and calls look alike
 * @throws {ManyViewsError} `RECIPE_UNKNOWN_PARAM` for any option
 */
export function sentenceShuffle(
  options?: SentenceShuffleOptions,
): Transform<TextDoc, SentenceShuffleParams> {
  const o = resolveOptions('sentenceShuffle', sentenceShuffleSpecs, options);
  return defineTransform<TextDoc, SentenceShuffleParams>({
    name: 'sentenceShuffle',
    options: o,
    sample: (doc, rng) => ({ order: Array.from(rng.permutation(splitSentences(doc).length)) }),
    apply(doc, params) {
      const order = recordList<number>('sentenceShuffle', params.order, 'sentence indices');
      const sentences = splitSentences(doc);
      const valid =
        order.length === sentences.length &&
        new Set(order).size === order.length &&
        order.every((k) => Number.isInteger(k) && k >= 0 && k < sentences.length);
      if (!valid) {
        throw badRecord('sentenceShuffle', `a permutation of 0..${sentences.length - 1}`, order);
      }
      if (order.every((k, i) => k === i)) return doc;

      const tokens: Token[] = [];
      order.forEach((k, slot) => {
        const [start, end] = sentences[k];
        const gap = doc.tokens[sentences[slot][1] - 1].ws;
        const moved = doc.tokens.slice(start, end).map((t) => ({ ...t }));
        moved[moved.length - 1].ws = gap;
        tokens.push(...moved);
      });
      return makeDoc(doc.lead, tokens);
    },
  });
}
