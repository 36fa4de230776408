import { createRequire } from 'node:module';
import type { Token } from './text-doc.js';

let stopWords: ReadonlySet<string> | undefined;

/**
 * natural's English stop words (170 entries: function words, single letters, digits), loaded on
 * first use. EDA leaves stop words out of synonym replacement and insertion (Wei and Zou 2019).
 */
export function naturalStopWords(): ReadonlySet<string> {
  if (!stopWords) {
    const require = createRequire(import.meta.url);
    const list = require('natural/lib/natural/util/stopwords.js') as { words: string[] };
    stopWords = new Set(list.words.map((w) => w.toLowerCase()));
  }
  return stopWords;
}

/** What a synonym transform must leave alone. */
export interface ProtectionOptions {
  /** Leave natural's stop words alone; default true. */
  stopWords?: boolean;
  /** More words to leave alone, compared case-insensitively (names, domain terms). */
  protectedWords?: Iterable<string>;
}

/**
 * A predicate telling which tokens a synonym transform may not replace or draw from: anything
 * that is not a plain word (numbers, punctuation, masks), words with digits (`mp3`, `COVID-19`),
 * stop words when asked, and the caller's list.
 *
 * @param options see {@link ProtectionOptions}
 */
export function protectionFor(options: ProtectionOptions = {}): (token: Token) => boolean {
  const stops = options.stopWords === false ? undefined : naturalStopWords();
  const extra = new Set([...(options.protectedWords ?? [])].map((w) => w.toLowerCase()));

  return (token) => {
    if (token.kind !== 'word' || /\p{N}/u.test(token.text)) return true;
    const lower = token.text.toLowerCase();
    return (stops?.has(lower) ?? false) || extra.has(lower);
  };
}
