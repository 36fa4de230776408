import { ManyViewsError } from '@manyviews/augment-core';

/**
 * What a token is, which decides what may touch it: `word` (letters, with inner apostrophes and
 * hyphens: `don't`, `well-known`), `number` (`3`, `1,000`, `3.14`, `3rd`, `1990s`), `punct` (every other visible
 * character, including symbols and emoji; runs of one punctuation mark such as `...` stay one
 * token) and `mask` (a mask token a transform put in; never produced by {@link tokenize}).
 */
export type TokenKind = 'word' | 'number' | 'punct' | 'mask';

/** One token and the whitespace that follows it, exactly as it stood in the text. */
export interface Token {
  /** The token's characters, never empty and never containing whitespace. */
  text: string;
  /** The whitespace after it, verbatim (`''`, `' '`, `'\n\n'`, `'\u00a0'`, ...). */
  ws: string;
  kind: TokenKind;
}

/**
 * A text and its tokens. Tokens keep their whitespace, so `detokenize(tokenize(s)) === s` for
 * every string `s`, and a view whose transforms changed nothing is the input, byte for byte.
 * Treat a `TextDoc` as immutable: every transform returns a new one.
 */
export interface TextDoc {
  /** The text the tokens spell (`lead + tokens.map(t => t.text + t.ws).join('')`). */
  text: string;
  /** Whitespace before the first token. */
  lead: string;
  tokens: Token[];
}

// One alternative per kind, tried in order: whitespace, word, number, a run of one punctuation
// mark, then any other single code point (symbols, emoji parts, stray combining marks), so
// every character of the input lands in exactly one token or whitespace run.
const TOKEN_RE =
  /(\s+)|(\p{L}[\p{L}\p{M}\p{N}_]*(?:['\u2019-][\p{L}\p{M}\p{N}]+)*)|(\p{N}+(?:[.,:/]\p{N}+)*\p{L}*)|((\p{P})\5*)|(\S)/gu;

/**
 * Splits text into tokens that keep their whitespace.
 *
 * @param text any string (may be empty, may start or end with whitespace)
 * @returns the document; `detokenize(tokenize(text)) === text`
 * @example
 * tokenize("Don't  stop.").tokens.map((t) => t.text); // ["Don't", 'stop', '.']
 */
export function tokenize(text: string): TextDoc {
  if (typeof text !== 'string') {
    throw new ManyViewsError('INVALID_TEXT', 'tokenize needs a string', {
      expected: 'a string',
      received: text,
    });
  }

  let lead = '';
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    if (m[1] !== undefined) {
      if (tokens.length === 0) lead = m[1];
      else tokens[tokens.length - 1].ws = m[1];
      continue;
    }
    const kind: TokenKind = m[2] !== undefined ? 'word' : m[3] !== undefined ? 'number' : 'punct';
    tokens.push({ text: m[0], ws: '', kind });
  }
  return { text, lead, tokens };
}

/**
 * Spells a document's tokens back into text.
 *
 * @param doc a document (its `text` field is ignored and recomputed)
 * @returns `doc.lead` followed by every token and its whitespace
 */
export function detokenize(doc: Pick<TextDoc, 'lead' | 'tokens'>): string {
  let out = doc.lead;
  for (const t of doc.tokens) out += t.text + t.ws;
  return out;
}

/** Builds a document from tokens, computing its text. */
export function makeDoc(lead: string, tokens: Token[]): TextDoc {
  return { text: detokenize({ lead, tokens }), lead, tokens };
}

/**
 * A document from a string, or the document itself.
 *
 * @throws {ManyViewsError} `INVALID_TEXT` when `input` is neither a string nor a document
 */
export function toDoc(input: string | TextDoc): TextDoc {
  if (typeof input === 'string') return tokenize(input);
  if (
    typeof input !== 'object' ||
    input === null ||
    typeof input.lead !== 'string' ||
    !Array.isArray(input.tokens)
  ) {
    throw new ManyViewsError('INVALID_TEXT', 'expected a string or a TextDoc', {
      expected: 'a string or { text, lead, tokens }',
      received: input,
    });
  }
  return input;
}

/** Whether a token counts as a word for the word-level transforms (words, numbers, masks). */
export function isWordLike(token: Token): boolean {
  return token.kind !== 'punct';
}

/** Indices into `doc.tokens` of the word-like tokens, in order. */
export function wordPositions(doc: TextDoc): number[] {
  const out: number[] = [];
  doc.tokens.forEach((t, i) => {
    if (isWordLike(t)) out.push(i);
  });
  return out;
}
