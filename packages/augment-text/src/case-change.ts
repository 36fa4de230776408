import {
  badRecord,
  defineTransform,
  type ParamSpecs,
  resolveOptions,
  type Transform,
} from '@manyviews/augment-core';
import { edaCount, recordList } from './options.js';
import { makeDoc, type TextDoc } from './text-doc.js';
import { checkTokenIndex } from './token-edits.js';

/** A case a word can be put in: `lower`, `UPPER`, `Title`. */
export type CaseMode = 'lower' | 'upper' | 'title';

const MODES: readonly CaseMode[] = ['lower', 'upper', 'title'];

/** Options of {@link caseChange}. */
export interface CaseChangeOptions {
  /** Share of the words changed, in [0, 1]: `max(1, round(p * words))`; default 0.1. */
  p?: number;
  /** The case to put them in, or `random` (one per word); default `random`. */
  mode?: 'random' | CaseMode;
}

/** What {@link caseChange} records: each changed token and its new case. */
export interface CaseChangeParams {
  edits: Array<{ token: number; mode: CaseMode }>;
}

/** Option specs of {@link caseChange}. */
export const caseChangeSpecs: ParamSpecs = {
  p: { kind: 'number', min: 0, max: 1, default: 0.1, doc: 'share of the words changed' },
  mode: {
    kind: 'enum',
    values: ['random', ...MODES],
    default: 'random',
    doc: 'the case, or random per word',
  },
};

/** `text` in `mode`; `title` capitalises the first code point and lower-cases the rest. */
export function toCase(text: string, mode: CaseMode): string {
  if (mode === 'lower') return text.toLowerCase();
  if (mode === 'upper') return text.toUpperCase();
  const [first = '', ...rest] = Array.from(text);
  return first.toUpperCase() + rest.join('').toLowerCase();
}

/**
 * Changes the case of `max(1, round(p * words))` words, chosen among those the change would
 * alter (so `mode: 'lower'` on a lower-case text changes nothing, and every edit shows). With
 * `p: 1, mode: 'lower'` it lower-cases the whole text.
 *
 * @param options see {@link CaseChangeOptions}
 * @throws {ManyViewsError} `RECIPE_INVALID_PARAM` for an option out of range
 */
export function caseChange(options?: CaseChangeOptions): Transform<TextDoc, CaseChangeParams> {
  const o = resolveOptions('caseChange', caseChangeSpecs, options);
  const p = o.p as number;
  const modes = o.mode === 'random' ? MODES : [o.mode as CaseMode];

  return defineTransform<TextDoc, CaseChangeParams>({
    name: 'caseChange',
    options: o,
    sample(doc, rng) {
      const eligible: Array<{ token: number; modes: CaseMode[] }> = [];
      doc.tokens.forEach((t, token) => {
        if (t.kind !== 'word') return;
        const altering = modes.filter((m) => toCase(t.text, m) !== t.text);
        if (altering.length > 0) eligible.push({ token, modes: altering });
      });

      const n = edaCount(p, eligible.length);
      const chosen = Array.from(
        rng.permutation(eligible.length).subarray(0, n),
        (i) => eligible[i],
      );
      const edits = chosen.map((e) => ({ token: e.token, mode: rng.pick(e.modes) }));
      return { edits: edits.sort((a, b) => a.token - b.token) };
    },
    apply(doc, params) {
      const edits = recordList<{ token: number; mode: CaseMode }>(
        'caseChange',
        params.edits,
        '{ token, mode }',
      );
      if (edits.length === 0) return doc;

      const tokens = doc.tokens.map((t) => ({ ...t }));
      for (const e of edits) {
        if (!MODES.includes(e.mode)) throw badRecord('caseChange', 'lower, upper or title', e.mode);
        const t = tokens[checkTokenIndex('caseChange', doc, e.token)];
        t.text = toCase(t.text, e.mode);
      }
      return makeDoc(doc.lead, tokens);
    },
  });
}
