import {
  badRecord,
  defineTransform,
  type ParamSpecs,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { edaCount, recordList } from './options.js';
import { isWordLike, makeDoc, type TextDoc, wordPositions } from './text-doc.js';
import { checkTokenIndex } from './token-edits.js';

/** Options of {@link randomSwap}. */
export interface RandomSwapOptions {
  /** EDA strength in [0, 1]: `max(1, round(alpha * words))` swaps; default 0.1. */
  alpha?: number;
}

/** What {@link randomSwap} records: pairs of token indices, swapped in order. */
export interface RandomSwapParams {
  swaps: Array<[number, number]>;
}

/** Option specs of {@link randomSwap}. */
export const randomSwapSpecs: ParamSpecs = {
  alpha: {
    kind: 'number',
    min: 0,
    max: 1,
    default: 0.1,
    doc: 'EDA strength: max(1, round(alpha * words)) swaps',
  },
};

/**
 * EDA's random swap (RS, Wei and Zou 2019): `n = max(1, round(alpha * words))` times, swaps two
 * words at distinct positions. Punctuation and whitespace stay where they were, so `the cat, sat`
 * can become `sat cat, the`. The second position is drawn from the others directly, where EDA's
 * code redraws until they differ; a text of one word comes back unchanged, and one of repeated
 * words (`hello hello hello`) is swapped without change, never looped on.
 *
 * @param options see {@link RandomSwapOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` for `alpha` outside [0, 1]
 */
export function randomSwap(options?: RandomSwapOptions): Transform<TextDoc, RandomSwapParams> {
  const o = resolveOptions('randomSwap', randomSwapSpecs, options);
  const alpha = o.alpha as number;

  return defineTransform<TextDoc, RandomSwapParams>({
    name: 'randomSwap',
    options: o,
    sample(doc, rng) {
      const words = wordPositions(doc);
      const m = words.length;
      const n = m < 2 ? 0 : edaCount(alpha, m);

      const swaps: Array<[number, number]> = [];
      for (let k = 0; k < n; k++) {
        const i = rng.int(0, m - 1);
        let j = rng.int(0, m - 2);
        if (j >= i) j++;
        swaps.push([words[i], words[j]]);
      }
      return { swaps };
    },
    apply(doc, params) {
      const swaps = recordList<[number, number]>('randomSwap', params.swaps, '[i, j] pairs');
      if (swaps.length === 0) return doc;

      const tokens = doc.tokens.map((t) => ({ ...t }));
      for (const pair of swaps) {
        if (!Array.isArray(pair) || pair.length !== 2) {
          throw badRecord('randomSwap', 'a pair of token indices', pair);
        }
        const i = checkTokenIndex('randomSwap', doc, pair[0]);
        const j = checkTokenIndex('randomSwap', doc, pair[1]);
        if (!isWordLike(tokens[i]) || !isWordLike(tokens[j])) {
          throw badRecord('randomSwap', 'indices of words, not punctuation', pair);
        }
        const { text, kind } = tokens[i];
        tokens[i].text = tokens[j].text;
        tokens[i].kind = tokens[j].kind;
        tokens[j].text = text;
        tokens[j].kind = kind;
      }
      return makeDoc(doc.lead, tokens);
    },
  });
}
