import type { Transform } from '@manyviews/augment-core';
import { resolveOptions } from '@manyviews/augment-core';
import {
  type CharEditParams,
  type CharNoiseOptions,
  charNoise,
  charNoiseSpecs,
} from './char-edits.js';
import { keyboardNeighbours } from './keyboard.js';
import type { TextDoc } from './text-doc.js';

/** Options of {@link keyboardTypo}. */
export type KeyboardTypoOptions = CharNoiseOptions;

/** Option specs of {@link keyboardTypo}. */
export const keyboardTypoSpecs = charNoiseSpecs;

/**
 * Keyboard typos: in `max(1, round(p * words))` words, replaces one letter or digit by a key
 * touching it on a US QWERTY keyboard, in the same case (`cat` -> `cst`). Words with no such
 * character (`naïve` has some; `日本` none) are not eligible.
 *
 * @param options see {@link CharNoiseOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` for an option out of range
 */
export function keyboardTypo(options?: KeyboardTypoOptions): Transform<TextDoc, CharEditParams> {
  const o = resolveOptions('keyboardTypo', keyboardTypoSpecs, options);
  return charNoise(
    {
      name: 'keyboardTypo',
      options: o,
      positions: (chars) => chars.flatMap((ch, i) => (keyboardNeighbours(ch) ? [i] : [])),
      draw: (chars, at, rng) => rng.pick([...keyboardNeighbours(chars[at])]),
      edit: (chars, at, char) => chars.map((ch, i) => (i === at ? (char ?? ch) : ch)),
    },
    o.p as number,
    o.minLength as number,
  );
}
