import {
  defineTransform,
  type ParamSpecs,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { fixedRateCount, recordList } from './options.js';
import { makeDoc, type TextDoc } from './text-doc.js';
import { checkTokenIndex } from './token-edits.js';

/** The mask tokens a recipe may name: BERT's, RoBERTa's, two unknown-word markers, a blank. */
export const MASK_TOKENS = ['[MASK]', '<mask>', '[UNK]', '<unk>', '_'] as const;

/** Options of {@link wordMask}. */
export interface WordMaskOptions {
  /** Fraction of the unmasked words masked, in [0, 1]; default 0.15 (BERT's rate). */
  p?: number;
  /** The token put in their place, one of {@link MASK_TOKENS}; default `[MASK]`. */
  mask?: (typeof MASK_TOKENS)[number];
}

/** What {@link wordMask} records: the masked token indices, ascending. */
export interface WordMaskParams {
  masked: number[];
}

/** Option specs of {@link wordMask}. */
export const wordMaskSpecs: ParamSpecs = {
  p: { kind: 'number', min: 0, max: 1, default: 0.15, doc: 'fraction of the words masked' },
  mask: { kind: 'enum', values: MASK_TOKENS, default: '[MASK]', doc: 'the mask token' },
};

/**
 * Masks words at a fixed rate: replaces exactly `max(1, round(p * words))` of the words not yet
 * masked by the mask token, always leaving one visible, so a view is never all masks. Masked
 * tokens get kind `mask`: later word transforms may move or drop them, never replace them.
 *
 * @param options see {@link WordMaskOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` for `p` outside [0, 1] or an unknown mask
 */
export function wordMask(options?: WordMaskOptions): Transform<TextDoc, WordMaskParams> {
  const o = resolveOptions('wordMask', wordMaskSpecs, options);
  const p = o.p as number;
  const mask = o.mask as string;

  return defineTransform<TextDoc, WordMaskParams>({
    name: 'wordMask',
    options: o,
    sample(doc, rng) {
      const open: number[] = [];
      doc.tokens.forEach((t, i) => {
        if (t.kind === 'word' || t.kind === 'number') open.push(i);
      });
      const k = fixedRateCount(p, open.length);
      const picked = Array.from(rng.permutation(open.length).subarray(0, k), (i) => open[i]);
      return { masked: picked.sort((a, b) => a - b) };
    },
    apply(doc, params) {
      const list = recordList<number>('wordMask', params.masked, 'token indices');
      if (list.length === 0) return doc;

      const masked = new Set(list.map((i) => checkTokenIndex('wordMask', doc, i)));
      const tokens = doc.tokens.map((t, i) =>
        masked.has(i) ? { text: mask, ws: t.ws, kind: 'mask' as const } : { ...t },
      );
      return makeDoc(doc.lead, tokens);
    },
  });
}
