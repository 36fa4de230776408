import { createRequire } from 'node:module';
import type { WordNetPos } from './synonym-source.js';

/**
 * Tags words with the WordNet part of speech to look synonyms up in, so that `run` in "a run of
 * luck" gets noun synonyms. `undefined` marks words with no WordNet part of speech (determiners,
 * prepositions, proper nouns), which the synonym transforms then leave alone.
 */
export interface PosTagger {
  /**
   * @param words the words of one text, in order (punctuation already removed)
   * @returns one entry per word
   */
  tag(words: readonly string[]): Array<WordNetPos | undefined>;
}

/**
 * The WordNet part of speech of a Penn Treebank tag: `NN*` noun, `VB*` verb, `JJ*` adjective,
 * `RB*` adverb. Proper nouns (`NNP`, `NNPS`) map to nothing: WordNet's senses of a name are
 * rarely the person or place meant (`John` -> `toilet`).
 */
export function pennToWordNet(tag: string): WordNetPos | undefined {
  if (tag.startsWith('NNP')) return undefined;
  // natural's lexicon tags words it does not know with its default category `N`.
  if (tag === 'N' || tag.startsWith('NN')) return 'n';
  if (tag.startsWith('VB')) return 'v';
  if (tag.startsWith('JJ')) return 'a';
  if (tag.startsWith('RB')) return 'r';
  return undefined;
}

// The part of natural's brill_pos_tagger module used here. Its own typings are not imported:
// natural's index.d.ts pulls in a .ts source (analyzers/SenType.ts) that fails to compile under
// this repo's verbatimModuleSyntax, and skipLibCheck does not cover .ts files.
interface BrillModule {
  BrillPOSTagger: new (
    lexicon: unknown,
    rules: unknown,
  ) => { tag(words: string[]): { taggedWords: Array<{ token: string; tag: string }> } };
  Lexicon: new (language: string, defaultCategory: string, capitalised?: string) => unknown;
  RuleSet: new (language: string) => unknown;
}

let shared: PosTagger | undefined;

/**
 * natural's Brill transformation-based tagger (English lexicon and rules), created on first use
 * and shared. Loading it takes about 0.1 s; tagging a 12-word sentence about 0.08 ms.
 *
 * It is required from natural's `brill_pos_tagger` folder rather than from `natural` itself, whose
 * entry point also loads every classifier and storage backend (about 0.3 s). Note that the files
 * of that folder carry a GPL-3.0 header, unlike the rest of natural (MIT).
 */
export function brillTagger(): PosTagger {
  if (shared) return shared;

  const require = createRequire(import.meta.url);
  const brill = require('natural/lib/natural/brill_pos_tagger/index.js') as BrillModule;
  const tagger = new brill.BrillPOSTagger(
    new brill.Lexicon('EN', 'N', 'NNP'),
    new brill.RuleSet('EN'),
  );
  shared = {
    tag(words) {
      if (words.length === 0) return [];
      return tagger.tag([...words]).taggedWords.map((w) => pennToWordNet(w.tag));
    },
  };
  return shared;
}
