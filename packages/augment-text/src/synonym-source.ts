/** A WordNet part of speech: noun, verb, adjective (satellites included), adverb. */
export type WordNetPos = 'n' | 'v' | 'a' | 'r';

/**
 * Where the synonym transforms look words up. Lookups are synchronous, so a source holds what it
 * needs in memory: {@link loadWordNet} preloads WordNet 3.1, {@link inMemorySynonyms} wraps a
 * small table (tests, domain glossaries).
 */
export interface SynonymSource {
  /**
   * Synonyms of `word`, most common sense first, without `word` itself; empty when there are
   * none. Multi-word synonyms are spelled with spaces (`domestic cat`).
   *
   * @param word a word as it appears in text, any case, possibly inflected
   * @param pos restrict to one part of speech; all when omitted
   */
  synonyms(word: string, pos?: WordNetPos): readonly string[];
}

/** A table entry: synonyms for any part of speech, or per part of speech. */
export type SynonymEntry = readonly string[] | Partial<Record<WordNetPos, readonly string[]>>;

const ALL_POS: readonly WordNetPos[] = ['n', 'v', 'a', 'r'];

/**
 * A synonym source over a fixed table, keyed by lower-case word.
 *
 * @param table word to synonyms, for any part of speech or per part of speech
 * @example
 * const source = inMemorySynonyms({ quick: ['fast', 'speedy'], run: { v: ['sprint'] } });
 * source.synonyms('Quick'); // ['fast', 'speedy']
 * source.synonyms('run', 'n'); // []
 */
export function inMemorySynonyms(table: Readonly<Record<string, SynonymEntry>>): SynonymSource {
  const entries = new Map<string, SynonymEntry>();
  for (const [word, entry] of Object.entries(table)) entries.set(word.toLowerCase(), entry);

  return {
    synonyms(word, pos) {
      const lower = word.toLowerCase();
      const entry = entries.get(lower);
      if (!entry) return [];
      const found = Array.isArray(entry)
        ? (entry as readonly string[])
        : (pos ? [pos] : ALL_POS).flatMap(
            (p) => (entry as Partial<Record<WordNetPos, readonly string[]>>)[p] ?? [],
          );
      return [...new Set(found)].filter((s) => s.toLowerCase() !== lower);
    },
  };
}
