import type { Transform } from '@manyviews/augment-core';
import { resolveOptions } from '@manyviews/augment-core';
import {
  type CharEditParams,
  type CharNoiseOptions,
  charNoise,
  charNoiseSpecs,
} from './char-edits.js';
import type { TextDoc } from './text-doc.js';

/** Options of {@link charDelete}. */
export type CharDeleteOptions = CharNoiseOptions;

/** Option specs of {@link charDelete}. */
export const charDeleteSpecs = charNoiseSpecs;

/**
 * Deletes one character in `max(1, round(p * words))` words (`house` -> `hose`). Words of one
 * character are never eligible, so no word disappears.
 *
 * @param options see {@link CharNoiseOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` for an option out of range
 */
export function charDelete(options?: CharDeleteOptions): Transform<TextDoc, CharEditParams> {
  const o = resolveOptions('charDelete', charDeleteSpecs, options);
  return charNoise(
    {
      name: 'charDelete',
      options: o,
      positions: (chars) => (chars.length < 2 ? [] : chars.map((_, i) => i)),
      edit: (chars, at) => chars.filter((_, i) => i !== at),
    },
    o.p as number,
    o.minLength as number,
  );
}
