import {
  badRecord,
  defineTransform,
  type ParamSpecs,
  type Rng,
  type Transform,
} from '@manyviews/augment-core';
import { edaCount, recordList } from './options.js';
import { makeDoc, type TextDoc } from './text-doc.js';
import { checkTokenIndex } from './token-edits.js';

/** One character edit: in token `token`, at code point `at`, with `char` when the edit adds one. */
export interface CharEdit {
  token: number;
  at: number;
  char?: string;
}

/** What a character-noise transform records: its edits, one per edited word, by token. */
export interface CharEditParams {
  edits: CharEdit[];
}

/** Options shared by the character-noise transforms. */
export interface CharNoiseOptions {
  /** Share of the eligible words edited, in [0, 1]: `max(1, round(p * words))`; default 0.1. */
  p?: number;
  /** Words shorter than this many characters are left alone; integer >= 1, default 3. */
  minLength?: number;
}

/** Option specs shared by the character-noise transforms. */
export const charNoiseSpecs: ParamSpecs = {
  p: {
    kind: 'number',
    min: 0,
    max: 1,
    default: 0.1,
    doc: 'share of the words edited, at least one',
  },
  minLength: { kind: 'integer', min: 1, default: 3, doc: 'shortest word edited, in characters' },
};

/** What makes one kind of character edit. */
export interface CharEditKind {
  name: string;
  options: Record<string, unknown>;
  /** Where in a word (its code points) this edit can happen; none: the word is not eligible. */
  positions(chars: readonly string[]): number[];
  /** Draws the character an edit at `at` adds, for kinds that add one. */
  draw?(chars: readonly string[], at: number, rng: Rng): string;
  /** Applies one edit to a word's code points (a new array). */
  edit(chars: readonly string[], at: number, char: string | undefined): string[];
}

/**
 * Builds a character-noise transform: edits `max(1, round(p * eligible))` words, chosen
 * uniformly among the words (kind `word`, at least `minLength` code points) that have a place
 * for the edit, once each at a uniform position. Code points, not UTF-16 units, are edited, so
 * an accented or astral letter is never split.
 *
 * @param kind the edit
 * @param p share of the eligible words, validated by the caller
 * @param minLength shortest eligible word, validated by the caller
 */
export function charNoise(
  kind: CharEditKind,
  p: number,
  minLength: number,
): Transform<TextDoc, CharEditParams> {
  const { name } = kind;
  return defineTransform<TextDoc, CharEditParams>({
    name,
    options: kind.options,
    sample(doc, rng) {
      const eligible: Array<{ token: number; chars: string[]; positions: number[] }> = [];
      doc.tokens.forEach((t, token) => {
        if (t.kind !== 'word') return;
        const chars = Array.from(t.text);
        if (chars.length < minLength) return;
        const positions = kind.positions(chars);
        if (positions.length > 0) eligible.push({ token, chars, positions });
      });

      const n = edaCount(p, eligible.length);
      const chosen = Array.from(
        rng.permutation(eligible.length).subarray(0, n),
        (i) => eligible[i],
      );
      const edits = chosen.map(({ token, chars, positions }) => {
        const at = rng.pick(positions);
        return kind.draw ? { token, at, char: kind.draw(chars, at, rng) } : { token, at };
      });
      return { edits: edits.sort((a, b) => a.token - b.token) };
    },
    apply(doc, params) {
      const edits = recordList<CharEdit>(name, params.edits, '{ token, at, char? }');
      if (edits.length === 0) return doc;

      const tokens = doc.tokens.map((t) => ({ ...t }));
      for (const e of edits) {
        const t = tokens[checkTokenIndex(name, doc, e.token)];
        const chars = Array.from(t.text);
        if (!Number.isInteger(e.at) || e.at < 0 || e.at > chars.length) {
          throw badRecord(name, `a character position in [0, ${chars.length}]`, e.at);
        }
        const edited = kind.edit(chars, e.at, e.char).join('');
        if (edited === '') throw badRecord(name, 'an edit that leaves the word non-empty', e);
        t.text = edited;
      }
      return makeDoc(doc.lead, tokens);
    },
  });
}
