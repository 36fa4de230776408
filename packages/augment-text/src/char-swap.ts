import type { Transform } from '@manyviews/augment-core';
import { resolveOptions } from '@manyviews/augment-core';
import {
  type CharEditParams,
  type CharNoiseOptions,
  charNoise,
  charNoiseSpecs,
} from './char-edits.js';
import type { TextDoc } from './text-doc.js';

/** Options of {@link charSwap}. */
export type CharSwapOptions = CharNoiseOptions;

/** Option specs of {@link charSwap}. */
export const charSwapSpecs = charNoiseSpecs;

/**
 * Swaps two adjacent, different characters in `max(1, round(p * words))` words (`form` ->
 * `from`); the record's `at` is the first of the pair. A word of one repeated letter is not
 * eligible, so every edit changes the text.
 *
 * @param options see {@link CharNoiseOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` for an option out of range
 */
export function charSwap(options?: CharSwapOptions): Transform<TextDoc, CharEditParams> {
  const o = resolveOptions('charSwap', charSwapSpecs, options);
  return charNoise(
    {
      name: 'charSwap',
      options: o,
      positions: (chars) => chars.slice(1).flatMap((ch, i) => (ch !== chars[i] ? [i] : [])),
      edit(chars, at) {
        const out = [...chars];
        if (at + 1 < out.length) [out[at], out[at + 1]] = [out[at + 1], out[at]];
        return out;
      },
    },
    o.p as number,
    o.minLength as number,
  );
}
