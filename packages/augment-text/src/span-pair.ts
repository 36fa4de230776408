import type { Rng } from '@manyviews/augment-core';
import { applySpan, type SpanParams } from './span.js';
import { drawSpan, resolveSpanOptions, type SpanCropOptions } from './span-crop.js';
import type { TextDoc } from './text-doc.js';

/** Options of {@link sampleSpanPair}: a length distribution for each span. */
export interface SpanPairOptions {
  /** Anchor lengths; default DeCLUTR's Beta(4, 2), 4..512 words. */
  anchor?: SpanCropOptions;
  /** Positive lengths; default DeCLUTR's Beta(2, 4), 4..512 words. */
  positive?: SpanCropOptions;
}

/** What {@link sampleSpanPair} draws: both spans, replayable with {@link applySpanPair}. */
export interface SpanPairParams {
  anchor: SpanParams;
  positive: SpanParams;
}

/**
 * An anchor span and a positive span of one document, as DeCLUTR samples them (Giorgi et al.
 * 2021, section 3.1): the anchor's length skews long, the positive's short, and the positive
 * starts uniformly between `anchorStart - positiveLength` and `anchorStart + anchorLength` (in
 * words, clamped to the text), so it overlaps the anchor, is adjacent to it, or lies inside it.
 *
 * @param doc the document
 * @param rng the pair's generator
 * @param options see {@link SpanPairOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` for an option out of range
 * @example
 * const { anchor, positive } = sampleSpanPair(tokenize(text), new Rng(3).fork(epoch, index));
 */
export function sampleSpanPair(
  doc: TextDoc,
  rng: Rng,
  options: SpanPairOptions = {},
): { anchor: TextDoc; positive: TextDoc; params: SpanPairParams } {
  const a = resolveSpanOptions('sampleSpanPair.anchor', { alpha: 4, beta: 2, ...options.anchor });
  const p = resolveSpanOptions('sampleSpanPair.positive', {
    alpha: 2,
    beta: 4,
    ...options.positive,
  });

  const anchor = drawSpan(doc, rng.fork(0), a);
  const positiveRng = rng.fork(1);
  const positive = drawSpan(doc, positiveRng, p, (length) =>
    positiveRng.int(anchor.first - length, anchor.first + anchor.length),
  );

  const params = { anchor: anchor.span, positive: positive.span };
  return { ...applySpanPair(doc, params), params };
}

/**
 * Replays a {@link sampleSpanPair} draw.
 *
 * @throws {ManyViewsError} `INVALID_RECORD` when a span does not fit the document
 */
export function applySpanPair(
  doc: TextDoc,
  params: SpanPairParams,
): { anchor: TextDoc; positive: TextDoc } {
  return {
    anchor: applySpan('sampleSpanPair', doc, params.anchor),
    positive: applySpan('sampleSpanPair', doc, params.positive),
  };
}
