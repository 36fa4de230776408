import { createRequire } from 'node:module';
import type { TextDoc } from './text-doc.js';

const TERMINAL = /^(?:[.!?\u2026\u3002\uff01\uff1f]+)$/u;
const CLOSING = /^[)\]}"'\u2019\u201d\u00bb]+$/u;
// Chinese and Japanese put no space after a full stop, so these end a sentence where they stand.
const CJK_TERMINAL = /^[\u3002\uff01\uff1f]+$/u;

let abbreviations: ReadonlySet<string> | undefined;

/**
 * natural's English abbreviations (`dr.`, `e.g.`, `vs.`, ...), lower-cased, loaded on first use.
 */
function knownAbbreviations(): ReadonlySet<string> {
  if (!abbreviations) {
    const require = createRequire(import.meta.url);
    const mod = require('natural/lib/natural/util/abbreviations_en.js') as {
      knownAbbreviations: string[];
    };
    abbreviations = new Set(mod.knownAbbreviations.map((a) => a.toLowerCase()));
  }
  return abbreviations;
}

/**
 * Splits a document into sentences, as token ranges `[start, end)` that cover every token in
 * order. A sentence ends after a run of `.`, `!`, `?` or `…` (with any closing quotes or brackets
 * attached to it) followed by whitespace or the end, after `。`, `！` or `？` even without
 * whitespace, and at any line break. A stop after one of
 * natural's abbreviations (`Dr.`, `e.g.`) or after a single capital (`J. Smith`) ends nothing.
 *
 * @returns at least one range for a document with tokens; none for an empty one
 */
export function splitSentences(doc: TextDoc): Array<[number, number]> {
  const { tokens } = doc;
  const out: Array<[number, number]> = [];
  let start = 0;

  for (let i = 0; i < tokens.length; i++) {
    let end = i;
    if (TERMINAL.test(tokens[i].text) && !isAbbreviation(doc, i)) {
      while (
        end + 1 < tokens.length &&
        tokens[end].ws === '' &&
        CLOSING.test(tokens[end + 1].text)
      ) {
        end++;
      }
      const attached = tokens[end].ws === '' && end + 1 < tokens.length;
      if (attached && !CJK_TERMINAL.test(tokens[i].text)) continue;
    } else if (!tokens[i].ws.includes('\n') || i + 1 === tokens.length) {
      continue;
    }
    out.push([start, end + 1]);
    start = end + 1;
    i = end;
  }
  if (start < tokens.length) out.push([start, tokens.length]);
  return out;
}

/** Whether the stop at token `i` closes an abbreviation rather than a sentence. */
function isAbbreviation(doc: TextDoc, i: number): boolean {
  const { tokens } = doc;
  if (tokens[i].text !== '.' || i === 0 || tokens[i - 1].ws !== '') return false;

  const before = tokens[i - 1].text;
  if (/^\p{Lu}$/u.test(before)) return true;

  // Gather the attached run ending here (`e`, `.`, `g`, `.`), as natural's list spells them.
  let text = '.';
  for (let k = i - 1; k >= 0 && tokens[k].ws === ''; k--) text = tokens[k].text + text;
  return knownAbbreviations().has(text.toLowerCase());
}
