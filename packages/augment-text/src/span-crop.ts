import {
  defineTransform,
  ManyViewsError,
  type ParamSpecs,
  type Rng,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { sampleBeta } from './beta.js';
import { applySpan, type SpanParams, spanLength, wordSpan } from './span.js';
import { type TextDoc, wordPositions } from './text-doc.js';

/** Options of {@link spanCrop}. */
export interface SpanCropOptions {
  /** Beta(alpha, beta) draws the length's position in [minWords, maxWords]; default 4. */
  alpha?: number;
  /** Default 2: with alpha 4, lengths skew long (DeCLUTR's anchor). */
  beta?: number;
  /** Shortest span in words (shorter texts are kept whole); integer >= 1, default 4. */
  minWords?: number;
  /** Longest span in words; integer >= minWords, default 512. */
  maxWords?: number;
}

/** What {@link spanCrop} records: the token range kept. */
export type SpanCropParams = SpanParams;

/** Option specs of {@link spanCrop}. */
export const spanCropSpecs: ParamSpecs = {
  alpha: { kind: 'number', min: 0.01, max: 100, default: 4, doc: 'Beta alpha of the length' },
  beta: { kind: 'number', min: 0.01, max: 100, default: 2, doc: 'Beta beta of the length' },
  minWords: { kind: 'integer', min: 1, default: 4, doc: 'shortest span, in words' },
  maxWords: { kind: 'integer', min: 1, default: 512, doc: 'longest span, in words' },
};

/** The length distribution of a span, validated. */
export interface SpanLengthOptions {
  alpha: number;
  beta: number;
  minWords: number;
  maxWords: number;
}

/**
 * Validates and fills span options (the same check a recipe gets).
 *
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` for a value out of range or
 *   `maxWords < minWords`
 */
export function resolveSpanOptions(name: string, options?: SpanCropOptions): SpanLengthOptions {
  const o = resolveOptions(name, spanCropSpecs, options) as unknown as SpanLengthOptions;
  if (o.maxWords < o.minWords) {
    throw new ManyViewsError('RECIPE_INVALID_PARAM', `${name}.maxWords is below minWords`, {
      expected: `an integer >= ${o.minWords}`,
      received: o.maxWords,
    });
  }
  return o;
}

/**
 * Draws a span: its length in words from {@link spanLength} with `p ~ Beta(alpha, beta)`, its
 * first word uniformly, or at `startWord` when given (clamped so the span fits).
 *
 * @returns the span in tokens, its first word and its length in words
 */
export function drawSpan(
  doc: TextDoc,
  rng: Rng,
  o: SpanLengthOptions,
  startWord?: (length: number) => number,
): { span: SpanParams; first: number; length: number } {
  const words = wordPositions(doc);
  if (words.length === 0)
    return { span: { start: 0, end: doc.tokens.length }, first: 0, length: 0 };

  const length = spanLength(sampleBeta(rng, o.alpha, o.beta), words.length, o.minWords, o.maxWords);
  const last = words.length - length;
  const wanted = startWord ? startWord(length) : rng.int(0, last);
  const first = Math.min(last, Math.max(0, wanted));
  return { span: wordSpan(doc, words, first, length), first, length };
}

/**
 * A contiguous span of the text, as DeCLUTR samples its anchors (Giorgi et al. 2021): length
 * `floor(p * (maxWords - minWords) + minWords)` words with `p ~ Beta(alpha, beta)`, both bounds
 * capped at the text's length, start uniform. DeCLUTR used 32 and 512 tokens on documents of at
 * least 1024; the defaults here (4, 512) suit sentence-length text. Each view gets an independent
 * span; for an anchor and a positive that overlap, are adjacent or nest, use
 * {@link sampleSpanPair}.
 *
 * @param options see {@link SpanCropOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` for a value out of range
 */
export function spanCrop(options?: SpanCropOptions): Transform<TextDoc, SpanCropParams> {
  const o = resolveSpanOptions('spanCrop', options);
  return defineTransform<TextDoc, SpanCropParams>({
    name: 'spanCrop',
    options: { ...o },
    sample: (doc, rng) => drawSpan(doc, rng, o).span,
    apply: (doc, params) => applySpan('spanCrop', doc, params),
  });
}
