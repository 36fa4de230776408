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

/** Options of {@link charInsert}. */
export type CharInsertOptions = CharNoiseOptions;

/** Option specs of {@link charInsert}. */
export const charInsertSpecs = charNoiseSpecs;

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Inserts a character in `max(1, round(p * words))` words, before code point `at` (at the end
 * when `at` is the word's length): a key touching the character it follows (or, at the start, the
 * one it precedes), as a finger that catches a second key would, in that character's case; a
 * random lower-case letter next to characters off the keyboard.
 *
 * @param options see {@link CharNoiseOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` for an option out of range
 */
export function charInsert(options?: CharInsertOptions): Transform<TextDoc, CharEditParams> {
  const o = resolveOptions('charInsert', charInsertSpecs, options);
  return charNoise(
    {
      name: 'charInsert',
      options: o,
      positions: (chars) => Array.from({ length: chars.length + 1 }, (_, i) => i),
      draw(chars, at, rng) {
        const near = keyboardNeighbours(chars[at === 0 ? 0 : at - 1]);
        return rng.pick([...(near || LETTERS)]);
      },
      edit(chars, at, char) {
        const out = [...chars];
        out.splice(at, 0, char ?? '');
        return out;
      },
    },
    o.p as number,
    o.minLength as number,
  );
}
