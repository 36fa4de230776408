import { badRecord } from '@manyviews/augment-core';
import { makeDoc, type TextDoc, type Token } from './text-doc.js';

/**
 * Removes tokens, keeping the text readable: the whitespace a removed token carried passes to
 * the token kept before it, so `the cat sat.` without `cat` reads `the sat.`, without `sat`
 * reads `the cat.`, and a paragraph break next to a removed word survives.
 *
 * @param doc the document (not modified)
 * @param remove indices into `doc.tokens`
 */
export function removeTokens(doc: TextDoc, remove: ReadonlySet<number>): TextDoc {
  const out: Token[] = [];
  doc.tokens.forEach((t, i) => {
    if (!remove.has(i)) {
      out.push({ ...t });
      return;
    }
    const prev = out[out.length - 1];
    if (prev) prev.ws = mergeSpace(prev.ws, t.ws);
  });
  return makeDoc(doc.lead, out);
}

/**
 * The whitespace left where a token was removed between a kept token (`before`, its own
 * whitespace) and the next one (`after`, the removed token's). An empty `after` means the next
 * token was attached (`sat.`), so it stays attached; otherwise the run with more line breaks wins,
 * so paragraphs survive deletions.
 */
function mergeSpace(before: string, after: string): string {
  if (after === '') return '';
  return lineBreaks(after) > lineBreaks(before) ? after : before;
}

function lineBreaks(ws: string): number {
  let n = 0;
  for (const ch of ws) if (ch === '\n') n++;
  return n;
}

/** Words to insert before token `before` of a document (`before === tokens.length` appends). */
export interface Insertion {
  before: number;
  words: readonly string[];
}

/**
 * Inserts words in one pass. The token before an insertion keeps its place and gets a single
 * space; the last inserted word takes the whitespace that token had, so `the cat.` with `feline`
 * before token 2 reads `the cat feline.`. Several insertions at one place stand in list order.
 *
 * @param doc the document (not modified)
 * @param insertions each `before` in `[0, doc.tokens.length]`, words without whitespace
 */
export function insertWords(doc: TextDoc, insertions: readonly Insertion[]): TextDoc {
  const at = new Map<number, string[]>();
  for (const { before, words } of insertions) {
    const list = at.get(before) ?? [];
    list.push(...words);
    at.set(before, list);
  }

  const out: Token[] = [];
  for (let i = 0; i <= doc.tokens.length; i++) {
    const words = at.get(i);
    if (words && words.length > 0) {
      const added: Token[] = words.map((text) => ({ text, ws: ' ', kind: 'word' }));
      const prev = out[out.length - 1];
      if (prev) {
        added[added.length - 1].ws = prev.ws;
        prev.ws = ' ';
      }
      out.push(...added);
    }
    if (i < doc.tokens.length) out.push({ ...doc.tokens[i] });
  }
  return makeDoc(doc.lead, out);
}

/**
 * Replaces tokens' texts. A replacement with spaces (a WordNet collocation such as `domestic cat`)
 * becomes several word tokens joined by single spaces; the last keeps the replaced token's
 * whitespace.
 *
 * @param doc the document (not modified)
 * @param replacements token index to its new text
 */
export function replaceTokens(doc: TextDoc, replacements: ReadonlyMap<number, string>): TextDoc {
  const out: Token[] = [];
  doc.tokens.forEach((t, i) => {
    const text = replacements.get(i);
    if (text === undefined) {
      out.push({ ...t });
      return;
    }
    const parts = text.split(' ').filter(Boolean);
    parts.forEach((part, k) => {
      out.push({ text: part, ws: k === parts.length - 1 ? t.ws : ' ', kind: 'word' });
    });
  });
  return makeDoc(doc.lead, out);
}

/**
 * Gives `replacement` the capitalisation pattern of `original`: all capitals (`CAT` -> `FELINE`),
 * a leading capital (`Cat` -> `Feline`), or as the replacement is spelled (WordNet keeps proper
 * nouns capitalised, `Felis catus`).
 */
export function matchCase(original: string, replacement: string): string {
  const letters = original.replace(/[^\p{L}]/gu, '');
  if (
    letters.length > 1 &&
    letters === letters.toUpperCase() &&
    letters !== letters.toLowerCase()
  ) {
    return replacement.toUpperCase();
  }
  const first = original.charAt(0);
  if (first !== first.toLowerCase()) {
    return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  }
  return replacement;
}

/**
 * Checks that a recorded token index fits the document a record is replayed on.
 *
 * @throws {ManyViewsError} `INVALID_RECORD` naming the transform
 */
export function checkTokenIndex(name: string, doc: TextDoc, index: unknown): number {
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) {
    throw badRecord(name, 'a token index (a non-negative integer)', index);
  }
  if (index >= doc.tokens.length) {
    throw badRecord(name, `a token index below ${doc.tokens.length}`, index);
  }
  return index;
}
