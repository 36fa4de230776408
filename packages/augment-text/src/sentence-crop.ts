import {
  defineTransform,
  type ParamSpecs,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { splitSentences } from './sentences.js';
import { applySpan, type SpanParams } from './span.js';
import type { TextDoc } from './text-doc.js';

/** Options of {@link sentenceCrop}. */
export interface SentenceCropOptions {
  /** Share of the sentences kept, `[lo, hi]` in [0, 1], drawn uniformly; default [0.5, 1]. */
  fraction?: [number, number];
}

/** What {@link sentenceCrop} records: the token range of the sentences kept. */
export type SentenceCropParams = SpanParams;

/** Option specs of {@link sentenceCrop}. */
export const sentenceCropSpecs: ParamSpecs = {
  fraction: {
    kind: 'range',
    min: 0,
    max: 1,
    default: [0.5, 1],
    doc: 'share of the sentences kept',
  },
};

/**
 * Keeps a run of consecutive sentences (see {@link splitSentences}): `max(1, round(f * S))` of
 * the `S` sentences with `f` uniform in `fraction`, starting at a uniform sentence. Never empty;
 * a one-sentence text comes back unchanged.
 *
 * @param options see {@link SentenceCropOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` for a fraction outside [0, 1]
 */
export function sentenceCrop(
  options?: SentenceCropOptions,
): Transform<TextDoc, SentenceCropParams> {
  const o = resolveOptions('sentenceCrop', sentenceCropSpecs, options);
  const [lo, hi] = o.fraction as [number, number];

  return defineTransform<TextDoc, SentenceCropParams>({
    name: 'sentenceCrop',
    options: o,
    sample(doc, rng) {
      const sentences = splitSentences(doc);
      if (sentences.length <= 1) return { start: 0, end: doc.tokens.length };

      const count = Math.max(1, Math.round(rng.uniform(lo, hi) * sentences.length));
      const first = rng.int(0, sentences.length - count);
      return { start: sentences[first][0], end: sentences[first + count - 1][1] };
    },
    apply: (doc, params) => applySpan('sentenceCrop', doc, params),
  });
}
