import { badRecord } from '@manyviews/augment-core';
import { makeDoc, type TextDoc } from './text-doc.js';

/** A contiguous span of a document, as token indices `[start, end)`. */
export interface SpanParams {
  start: number;
  end: number;
}

/**
 * DeCLUTR's span length (Giorgi et al. 2021, section 3.1): `floor(p * (hi - lo) + lo)` with
 * `lo = min(minWords, words)`, `hi = min(maxWords, words)` and `p` drawn from a Beta distribution
 * by the caller.
 *
 * @param p in [0, 1]
 * @param words the document's word count
 */
export function spanLength(p: number, words: number, minWords: number, maxWords: number): number {
  const lo = Math.min(minWords, words);
  const hi = Math.min(maxWords, words);
  return Math.max(1, Math.min(hi, Math.floor(p * (hi - lo) + lo)));
}

/**
 * The token range of `count` words starting at word `first`, with the punctuation attached to
 * its ends (an opening bracket or quote before, a comma, stop or closing bracket after), so a
 * span reads `(feline)` rather than `feline)`.
 *
 * @param words token indices of the document's words (see {@link wordPositions})
 */
export function wordSpan(
  doc: TextDoc,
  words: readonly number[],
  first: number,
  count: number,
): SpanParams {
  const { tokens } = doc;
  let start = words[first];
  while (start > 0 && tokens[start - 1].kind === 'punct' && tokens[start - 1].ws === '') start--;
  let end = words[first + count - 1] + 1;
  while (end < tokens.length && tokens[end].kind === 'punct' && tokens[end - 1].ws === '') end++;
  return { start, end };
}

/**
 * The document cut to a span. Leading whitespace is kept only when the span starts the
 * document, trailing whitespace only when it ends it, so the whole span is the document itself.
 *
 * @param name the transform replaying, for errors
 * @throws {ManyViewsError} `INVALID_RECORD` when the span does not fit the document
 */
export function applySpan(name: string, doc: TextDoc, span: SpanParams): TextDoc {
  const n = doc.tokens.length;
  const { start, end } = span ?? {};
  if (
    !Number.isInteger(start) ||
    !Number.isInteger(end) ||
    start < 0 ||
    end > n ||
    (n > 0 && start >= end)
  ) {
    throw badRecord(name, `a span 0 <= start < end <= ${n}`, span);
  }
  if (start === 0 && end === n) return doc;

  const tokens = doc.tokens.slice(start, end).map((t) => ({ ...t }));
  if (end < n) tokens[tokens.length - 1].ws = '';
  return makeDoc(start === 0 ? doc.lead : '', tokens);
}
