import { type Applied, ManyViewsError, type Rng, type Transform } from '@manyviews/augment-core';
import { type TextDoc, toDoc } from './text-doc.js';

/** Options of {@link makeViews}. */
export interface MakeViewsOptions {
  /**
   * Redraw a view that repeats the input or an earlier view, up to this many times (an integer
   * >= 0; default 0, views drawn once). A text no transform can change (one word, all stop words)
   * still gets its `n` views after the redraws run out.
   */
  retries?: number;
}

/**
 * Draws exactly `n` views of a text. View `i` is drawn from `rng.fork(i)` (redraw `r` of it from
 * `rng.fork(i, r)`), so a view does not depend on how many others were asked for.
 *
 * @param input the text or its document
 * @param pipeline a text transform, e.g. `buildRecipe(defaultTextRecipe, textRegistry).transform`
 * @param rng the example's generator, e.g. `root.fork(epoch, index)`
 * @param n views wanted, an integer >= 0
 * @returns `n` views with the records that replay them
 * @throws {ManyViewsError} `INVALID_OPTION` for a bad `n` or `retries`; `INVALID_TEXT` for input
 *   that is neither a string nor a document
 * @example
 * const views = makeViews('A cat sat on the mat.', transform, new Rng(1).fork(0, 17), 2);
 * views.map((v) => v.output.text);
 */
export function makeViews(
  input: string | TextDoc,
  pipeline: Transform<TextDoc>,
  rng: Rng,
  n: number,
  options: MakeViewsOptions = {},
): Applied<TextDoc>[] {
  const retries = options.retries ?? 0;
  for (const [name, value] of [
    ['n', n],
    ['retries', retries],
  ] as const) {
    if (!Number.isInteger(value) || value < 0) {
      throw new ManyViewsError('INVALID_OPTION', `makeViews: ${name} must be a whole number`, {
        expected: 'an integer >= 0',
        received: value,
      });
    }
  }
  const doc = toDoc(input);

  const seen = new Set<string>([doc.text]);
  const views: Applied<TextDoc>[] = [];
  for (let i = 0; i < n; i++) {
    let view = pipeline.run(doc, rng.fork(i));
    for (let r = 1; r <= retries && seen.has(view.output.text); r++) {
      view = pipeline.run(doc, rng.fork(i, r));
    }
    seen.add(view.output.text);
    views.push(view);
  }
  return views;
}
